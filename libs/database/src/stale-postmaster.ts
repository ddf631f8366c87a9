import { existsSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What `postmaster.pid` in our data directory stands for, checked against the live process table. */
export type LeftoverServer =
  | { kind: 'none' }
  /** The file outlived its server, or names a pid now used by an unrelated process. */
  | { kind: 'stale-lock'; pid: number; reason: string }
  /** Our server, still running after the process that started it died (a `kill -9` of the API). */
  | { kind: 'orphan'; pid: number }
  /** Our server, started by a process that is still alive: another Pedigree on the same directory. */
  | { kind: 'in-use'; pid: number; ownerPid: number };

interface ProcessInfo {
  ppid: number;
  /** Dead but not yet reaped: an orphan's new parent may never reap it. */
  zombie: boolean;
  argv: string[];
  /** Unreadable for another user's process when we are not root; such a process cannot be our server. */
  cwd: string | null;
}

/** Fast shutdown first; PostgreSQL's immediate shutdown only if that hangs. Never SIGKILL (see stopLeftover). */
const STOP_STEPS: [NodeJS.Signals, number][] = [
  ['SIGINT', 60_000],
  ['SIGQUIT', 10_000],
];
const BACKENDS_GONE_MS = 10_000;

export function findLeftoverServer(dataDir: string): LeftoverServer {
  const lock = join(dataDir, 'postmaster.pid');
  if (!existsSync(lock)) return { kind: 'none' };
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return { kind: 'stale-lock', pid, reason: 'it holds no pid' };
  const info = processInfo(pid);
  if (!info || info.zombie) return { kind: 'stale-lock', pid, reason: `process ${pid} is not running` };
  if (!isServerOf(info, dataDir)) return { kind: 'stale-lock', pid, reason: `process ${pid} is not a PostgreSQL server for this directory` };
  const owner = info.ppid > 1 ? processInfo(info.ppid) : null;
  // Our API starts PostgreSQL as its child; once the API is gone, the server is re-parented to init
  // or a reaper, never to another Node process.
  if (owner && !owner.zombie && (info.ppid === process.pid || /(^|\/)node(js)?$/.test(owner.argv[0] ?? ''))) {
    return { kind: 'in-use', pid, ownerPid: info.ppid };
  }
  return { kind: 'orphan', pid };
}

/**
 * Makes the data directory startable after a crash. An orphaned server is stopped rather than
 * adopted: it is not our child (we could not see it die, so could not restart it), its output goes
 * nowhere, and it may run with an older port or flags. Its clients died with the old API, so a
 * fast shutdown loses nothing committed. A stale lock file is removed once no PostgreSQL process
 * still works in the directory. Servers of other directories are never signalled.
 */
export async function clearLeftoverServer(dataDir: string, notice: (line: string) => void): Promise<void> {
  // Without /proc (macOS) nothing here can tell a live server from a dead one: leave the lock file
  // to PostgreSQL's own check rather than risk removing a live server's.
  if (!existsSync(dataDir) || !existsSync('/proc/self/stat')) return;
  const dir = realpathSync(dataDir);
  const found = findLeftoverServer(dir);
  switch (found.kind) {
    case 'none':
      return;
    case 'in-use':
      throw new Error(
        `PostgreSQL (pid ${found.pid}) is already serving ${dir} for the running process ${found.ownerPid}. ` +
          `Is Pedigree already running with this PEDIGREE_DATA_DIR? Stop it, or give this one another directory.`,
      );
    case 'orphan':
      notice(`PostgreSQL (pid ${found.pid}) was left running by a previous run that did not shut down: stopping it before starting again`);
      await stopLeftover(found.pid, dir, notice);
      break;
    case 'stale-lock':
      break;
    default:
      assertUnreachable(found);
  }
  await backendsGone(dir);
  const lock = join(dir, 'postmaster.pid');
  const still = findLeftoverServer(dir);
  if (still.kind === 'stale-lock' && existsSync(lock)) {
    rmSync(lock);
    notice(`removed a stale postmaster.pid (${still.reason})`);
  } else if (still.kind !== 'none') {
    throw new Error(`PostgreSQL (pid ${still.pid}) still holds ${dir}; stop it by hand and start again`);
  }
}

/**
 * SIGKILL is not among the steps: a killed postmaster cannot stop its backends, which keep the
 * shared memory and the directory busy. SIGQUIT still stops them and leaves crash recovery to
 * the next start, from WAL, without losing a committed transaction.
 */
async function stopLeftover(pid: number, dir: string, notice: (line: string) => void): Promise<void> {
  for (const [signal, waitMs] of STOP_STEPS) {
    const info = processInfo(pid);
    // Checked again before each signal: the pid must still be our server, not a reused number.
    if (!info || info.zombie || !isServerOf(info, dir)) return;
    process.kill(pid, signal);
    if (await until(() => !isAlive(pid), waitMs)) return;
    notice(`PostgreSQL (pid ${pid}) did not stop within ${waitMs / 1000} s of ${signal}`);
  }
  throw new Error(`PostgreSQL (pid ${pid}) holding ${dir} did not stop on SIGINT or SIGQUIT; stop it by hand and start again`);
}

/** A killed postmaster's backends notice and exit on their own; a new server must wait for them. */
async function backendsGone(dir: string): Promise<void> {
  if (await until(() => serverProcesses(dir).length === 0, BACKENDS_GONE_MS)) return;
  throw new Error(`PostgreSQL processes ${serverProcesses(dir).join(', ')} still work in ${dir}; stop them by hand and start again`);
}

function serverProcesses(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = processInfo(Number(entry));
    if (info && !info.zombie && isServerOf(info, dir)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * The postmaster and every backend chdir into their data directory, so the working directory
 * names the cluster exactly (through any symlink); the program name rules out a shell in there.
 * Backends retitle themselves `postgres: …`, the postmaster keeps its path.
 */
function isServerOf(info: ProcessInfo, dir: string): boolean {
  const program = info.argv[0] ?? '';
  return (basename(program) === 'postgres' || program.startsWith('postgres:')) && info.cwd === dir;
}

function processInfo(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    let cwd: string | null = null;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      cwd = null;
    }
    return { ppid: Number(fields[1]), zombie: fields[0] === 'Z' || fields[0] === 'X', argv, cwd };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  const info = processInfo(pid);
  return info !== null && !info.zombie;
}

async function until(done: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

function assertUnreachable(x: never): never {
  throw new Error(`unexpected leftover server state ${JSON.stringify(x)}`);
}
