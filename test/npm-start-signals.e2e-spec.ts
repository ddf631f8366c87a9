import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, isRunning, postmasterPid } from './support/embedded-registry';
import { ADMIN_TOKEN } from '@pedigree/testing';

const ROOT = resolve(__dirname, '..');

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group: npm, the shell npm
 * runs the script with, the server and its PostgreSQL all get it at once. A signal sent to npm
 * alone (`kill -INT <npm pid>`) must work too: npm forwards SIGINT and SIGTERM to the script.
 */
describe('stopping `npm start`', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  async function npmStart(): Promise<{ npm: ChildProcess; port: number; pgPort: number; dataRoot: string; exited: Promise<number | null> }> {
    const dataRoot = mkdtempSync(join(tmpdir(), 'pedigree-npm-start-'));
    roots.push(dataRoot);
    const [port, pgPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      PEDIGREE_DATA_DIR: dataRoot,
      PEDIGREE_PG_PORT: String(pgPort),
      PEDIGREE_DEMO_CATALOG: 'off',
      PEDIGREE_LOG_MIGRATIONS: 'off',
      PEDIGREE_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    };
    delete env.DATABASE_URL;
    // detached: its own process group, as a terminal gives the command it runs.
    const npm = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    npm.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
    npm.stderr!.on('data', (c: Buffer) => (printed += c.toString()));
    const exited = new Promise<number | null>((res) => npm.once('exit', (code) => res(code)));
    const deadline = Date.now() + 120_000;
    while (!(await ready(port))) {
      if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not become ready:\n${printed}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return { npm, port, pgPort, dataRoot, exited };
  }

  async function expectAllStopped(run: Awaited<ReturnType<typeof npmStart>>, server: number, postgres: number): Promise<void> {
    const timeout = new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), 30_000));
    expect(await Promise.race([run.exited, timeout])).not.toBe('timeout');
    // The server exits after stopping PostgreSQL; allow a moment for the last processes to be reaped.
    for (let i = 0; i < 40 && (isRunning(server) || isRunning(postgres)); i++) await new Promise((r) => setTimeout(r, 250));
    expect({ server: isRunning(server), postgres: isRunning(postgres) }).toEqual({ server: false, postgres: false });
    expect(await portIsFree(run.port)).toBe(true);
    expect(await portIsFree(run.pgPort)).toBe(true);
  }

  function processes(dataRoot: string): { server: number; postgres: number } {
    const postgres = postmasterPid(dataRoot)!;
    const stat = readFileSync(`/proc/${postgres}/stat`, 'utf8');
    const server = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    expect(readFileSync(`/proc/${server}/cmdline`, 'utf8')).toContain('dist/apps/registry/src/main.js');
    return { server, postgres };
  }

  it('Ctrl-C (SIGINT to the process group) stops the server and the embedded PostgreSQL', async () => {
    const run = await npmStart();
    const { server, postgres } = processes(run.dataRoot);
    process.kill(-run.npm.pid!, 'SIGINT');
    await expectAllStopped(run, server, postgres);
  });

  it('SIGINT to the npm process alone is forwarded and stops everything', async () => {
    const run = await npmStart();
    const { server, postgres } = processes(run.dataRoot);
    process.kill(run.npm.pid!, 'SIGINT');
    await expectAllStopped(run, server, postgres);
  });
});

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok;
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}
