import type { ChildProcess } from 'node:child_process';

/** The parts of the embedded server the supervisor drives. */
export interface SupervisedServer {
  /** Starts the server (again); rejects when it did not come up. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The postmaster while there is one; its exit is how we learn the server died. */
  process(): ChildProcess | undefined;
}

export interface SupervisorEvents {
  notice(line: string): void;
  /** The server died and did not come back: the caller should exit non-zero, for its own supervisor. */
  lost(error: Error): void;
}

/** About 30 s in all: enough for a killed server's backends to exit, short of hiding a real outage. */
const RESTART_DELAYS_MS = [250, 1000, 2000, 4000, 8000, 15_000];
/** A server that keeps dying has a cause a restart will not fix (disk full, OOM, a bad setting). */
const CRASH_WINDOW_MS = 10 * 60_000;
const MAX_CRASHES_PER_WINDOW = 5;

/**
 * Restarts the embedded PostgreSQL when it dies under a running API. The pool and the lineage
 * listener reconnect by themselves, so callers see a short outage, not a dead registry. When it
 * will not stay up, `lost` hands the problem to whoever supervises the API.
 */
export class EmbeddedPostgresSupervisor {
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private crashes: number[] = [];
  private cancelPause: (() => void) | null = null;

  constructor(
    private readonly server: SupervisedServer,
    private readonly events: SupervisorEvents,
  ) {
    this.watch();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelPause?.();
    await this.restarting;
    const child = this.server.process();
    // The package's stop() waits for an exit event, which a dead server will never send again.
    if (child && child.exitCode === null && child.signalCode === null) await this.server.stop();
  }

  private watch(): void {
    this.server.process()?.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.restarting = this.restart(signal ?? `exit code ${code}`).finally(() => (this.restarting = null));
    });
  }

  private async restart(how: string): Promise<void> {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (this.crashes.length > MAX_CRASHES_PER_WINDOW) {
      this.events.lost(new Error(`embedded PostgreSQL died ${this.crashes.length} times in 10 minutes (last: ${how}); not restarting it again`));
      return;
    }
    this.events.notice(`embedded PostgreSQL exited unexpectedly (${how}); restarting it`);
    let last: unknown;
    for (const [attempt, delay] of RESTART_DELAYS_MS.entries()) {
      await this.pause(delay);
      if (this.stopping) return;
      try {
        await this.server.start();
        this.events.notice(`embedded PostgreSQL restarted (pid ${this.server.process()?.pid}, attempt ${attempt + 1})`);
        this.watch();
        return;
      } catch (error) {
        last = error;
      }
    }
    const reason = last instanceof Error ? last.message : String(last);
    this.events.lost(new Error(`embedded PostgreSQL exited (${how}) and did not restart after ${RESTART_DELAYS_MS.length} attempts: ${reason}`));
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cancelPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
