import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { ADMIN_TOKEN, RegistryProcess, startRegistry, subscribeLive } from '@pedigree/testing';

const ROOT = resolve(__dirname, '..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

/** Fenced blocks of one language, with the README line each starts on. */
function blocks(language: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  for (const m of README.matchAll(fence)) out.push({ line: README.slice(0, m.index).split('\n').length, text: m[1] });
  return out;
}

/** Every `npx pedigree …` command of the README's bash blocks, continuation lines joined, comments dropped. */
function cliCommands(): { line: number; args: string[] }[] {
  return blocks('bash').flatMap(({ line, text }) =>
    text
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((command) => command.replace(/\s+#.*$/, '').trim())
      .filter((command) => command.startsWith('npx pedigree '))
      .map((command) => ({ line, args: command.split(/\s+/).slice(2) })),
  );
}

/**
 * The README is the front door: every GraphQL example and every `pedigree` command in it runs as
 * written, in the order a reader meets them, against a registry holding the demo catalog.
 */
describe('the README examples', () => {
  let registry: RegistryProcess;
  const written: string[] = [];
  // A stand-in for the checkout's root: the files the examples read, and room for what they write,
  // so the examples' exports never overwrite a developer's files.
  const workdir = mkdtempSync(resolve(tmpdir(), 'pedigree-readme-'));
  for (const dir of ['examples', 'libs']) symlinkSync(resolve(ROOT, dir), resolve(workdir, dir));

  beforeAll(async () => {
    // As the README's alerts section starts it, so its subscription to a local receiver is accepted.
    registry = await startRegistry({ demo: true, env: { PEDIGREE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
  });
  afterAll(async () => {
    rmSync(workdir, { recursive: true, force: true });
    await registry?.stop();
  });

  it('finds the examples it is meant to run', () => {
    expect(blocks('graphql').length).toBeGreaterThanOrEqual(10);
    expect(cliCommands().length).toBeGreaterThanOrEqual(8);
  });

  it('runs every GraphQL example and every pedigree command in reading order, without an error', async () => {
    const examples = [
      ...blocks('graphql').map((b) => ({ line: b.line, graphql: b.text, args: [] as string[] })),
      ...cliCommands().map((c) => ({ line: c.line, graphql: null, args: c.args })),
    ].sort((a, b) => a.line - b.line);
    const failures: string[] = [];
    for (const { line, graphql, args } of examples) {
      if (graphql !== null && /^\s*subscription\b/.test(graphql)) {
        // Over WebSocket, as GraphiQL runs it: accepted, and no error while it listens.
        const live = subscribeLive(registry.url, ADMIN_TOKEN, graphql);
        await live.connected;
        await new Promise((r) => setTimeout(r, 500));
        await live.close();
        if (live.errors.length) failures.push(`README.md:${line}: ${live.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
        continue;
      }
      if (graphql !== null) {
        const res = await registry.gql(graphql);
        if (res.errors) failures.push(`README.md:${line}: ${res.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
        continue;
      }
      // Globs as a shell would expand them (the README uses one, examples/*/README.md).
      const expanded = args.flatMap((a) => (a.includes('*') ? globOf(a) : [a]));
      const run = spawnSync(process.execPath, [resolve(ROOT, 'bin/pedigree.js'), ...expanded], {
        cwd: workdir,
        env: { ...process.env, PEDIGREE_URL: `${registry.url}/graphql`, PEDIGREE_TOKEN: ADMIN_TOKEN },
        encoding: 'utf8',
        timeout: 120_000,
      });
      const output = args.includes('-o') ? args[args.indexOf('-o') + 1] : null;
      if (output && output !== '-') written.push(output);
      // BOM exports write a file by default; the EU training summary prints to standard output.
      if (args[0] === 'export' && args[1] !== 'eu-training-summary' && !output)
        written.push(`${args[2].replace('/', '_')}.${args[1] === 'spdx' ? 'spdx' : 'cdx'}.json`);
      if (run.status !== 0) failures.push(`README.md:${line}: pedigree ${args.join(' ')} → exit ${run.status}\n${run.stderr.slice(-600)}`);
    }
    expect(failures).toEqual([]);
    expect(written.filter((file) => !existsSync(resolve(workdir, file)))).toEqual([]);
  });
});

function globOf(pattern: string): string[] {
  const [dir, , file] = pattern.split('/');
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  return readdirSync(resolve(ROOT, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(resolve(ROOT, dir, d.name, file)))
    .map((d) => `${dir}/${d.name}/${file}`);
}
