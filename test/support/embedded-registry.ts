import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../setup/free-port';
import { ADMIN_TOKEN, waitForReady } from '@pedigree/testing';

const MAIN = resolve(__dirname, '..', '..', 'dist/apps/registry/src/main.js');

/** A registry started as `npm start` runs it: no DATABASE_URL, so it starts its embedded PostgreSQL. */
export interface EmbeddedRegistry {
  child: ChildProcess;
  url: string;
  output(): string;
  gql(query: string, variables?: Record<string, unknown>): Promise<any>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startEmbeddedRegistry(dataRoot: string, pgPort: number, env: Record<string, string> = {}): Promise<EmbeddedRegistry> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    PEDIGREE_READY_LINE: 'on',
    PEDIGREE_DATA_DIR: dataRoot,
    PEDIGREE_PG_PORT: String(pgPort),
    PEDIGREE_DEMO_CATALOG: 'off',
    PEDIGREE_LOG_MIGRATIONS: 'off',
    PEDIGREE_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    ...env,
  };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (printed += c.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = await waitForReady(child);
  return {
    child,
    url,
    output: () => printed,
    exited,
    async gql(query, variables) {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return res.json();
    },
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The pid PostgreSQL wrote into its lock file, or null when there is none. */
export function postmasterPid(dataRoot: string): number | null {
  const file = join(dataRoot, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

/** Alive and not a zombie (an orphan's new parent may be slow to reap it). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

export { freePort };

/**
 * A bare embedded PostgreSQL in its own process (Jest cannot load the ESM package in-process),
 * started by the same compiled bootstrap as the registry's.
 */
export async function startBareCluster(dataDir: string): Promise<{ stop(): Promise<void> }> {
  const bootstrap = resolve(__dirname, '..', '..', 'dist/libs/database/src/embedded-postgres.js');
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(bootstrap)});
    (async () => {
      const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${await freePort()} });
      process.on('SIGTERM', () => db.stop().then(() => process.exit(0)));
      console.log('CLUSTER_READY');
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  await new Promise<void>((res, rej) => {
    child.stdout!.on('data', (c: Buffer) => (printed += c.toString()) && printed.includes('CLUSTER_READY') && res());
    child.stderr!.on('data', (c: Buffer) => (printed += c.toString()));
    child.once('exit', (code) => rej(new Error(`cluster exited with ${code}: ${printed}`)));
  });
  const exited = new Promise((res) => child.once('exit', res));
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
