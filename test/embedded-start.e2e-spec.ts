import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitForReady } from '@pedigree/testing';

const MAIN = resolve(__dirname, '..', 'dist/apps/registry/src/main.js');

/** What `npm start` does on a fresh machine: no DATABASE_URL, embedded PostgreSQL, demo catalog, GraphiQL. */
describe('start with the embedded database', () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'pedigree-start-'));
  let pgPort: number;
  let child: ChildProcess | null = null;
  let firstUrl = '';

  // The first start is shared: each test below can then run alone (-t) with the token it printed.
  beforeAll(async () => {
    pgPort = await freePort();
    firstUrl = await start();
    adminToken = /Bootstrap admin token[^\n]*\n\s*(pdg_\S+)/.exec(printed)?.[1] ?? '';
  });
  afterAll(async () => {
    if (child && child.exitCode === null) await stop(child);
    rmSync(dataRoot, { recursive: true, force: true });
  });

  let printed = '';
  let adminToken = '';

  function start(): Promise<string> {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PEDIGREE_READY_LINE: 'on', PEDIGREE_DATA_DIR: dataRoot, PEDIGREE_PG_PORT: String(pgPort) };
    delete env.DATABASE_URL;
    delete env.PEDIGREE_DEMO_CATALOG;
    delete env.PEDIGREE_BOOTSTRAP_TOKEN;
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
    return waitForReady(child);
  }

  async function gql(url: string, query: string) {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
    return (await res.json()) as any;
  }

  it('starts PostgreSQL under ./.data-style dir, migrates, loads the demo catalog and serves GraphiQL offline', async () => {
    const url = firstUrl;
    // First start on an empty database prints a bootstrap admin token, once.
    expect(adminToken).toMatch(/^pdg_[A-Za-z0-9_-]{43}$/);
    expect(existsSync(join(dataRoot, 'postgres', 'PG_VERSION'))).toBe(true);
    const res = await gql(url, `{ model(name: "meta-llama/Llama-3.1-8B") { name country } }`);
    expect(res.data.model).toEqual({ name: 'meta-llama/Llama-3.1-8B', country: 'US' });

    const page = await (await fetch(`${url}/graphiql`)).text();
    const scripts = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const asset of scripts) {
      expect(asset.startsWith('/graphiql/assets/')).toBe(true);
      expect((await fetch(`${url}${asset}`)).status).toBe(200);
    }
  });

  it('stops the database cleanly on Ctrl-C and keeps every committed write', async () => {
    const target = child && child.exitCode === null ? firstUrl : await start();
    const reg = await gql(
      target,
      `mutation { registerOrganization(input: { slug: "kept-on-restart", name: "Kept", country: "DE", kind: COMPANY,
        evidence: { origin: AUDIT_FINDING, justification: "shutdown test" } }) { id } }`,
    );
    expect(reg.errors).toBeUndefined();
    const code = await stop(child!, 'SIGINT');
    expect(code).toBe(0);
    expect(existsSync(join(dataRoot, 'postgres', 'postmaster.pid'))).toBe(false);

    printed = '';
    const again = await start();
    expect(printed).not.toContain('Bootstrap admin token');
    const res = await gql(again, `{ organization(slug: "kept-on-restart") { name } models(first: 1) { totalCount } }`);
    expect(res.data.organization).toEqual({ name: 'Kept' });
    expect(res.data.models.totalCount).toBeGreaterThanOrEqual(25);
    expect(res.data.models.totalCount).toBeLessThanOrEqual(45);
  });
});

function stop(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((res) => {
    proc.once('exit', (code) => res(code));
    proc.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((res) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}
