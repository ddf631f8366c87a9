import { Deadline } from './deadline';

/**
 * In-memory walks and rollups over hundreds of thousands of nodes are synchronous: run many at
 * once and every other request, health checks included, waits behind them. The gate runs such
 * work one piece at a time in arrival order and returns to the event loop before each piece, so
 * I/O keeps flowing between pieces; work whose request ran out of time while queued never starts.
 */
export class CpuGate {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Pieces queued or running, for metrics. */
  get depth(): number {
    return this.waiting;
  }

  run<T>(work: () => T, deadline: Deadline | null): Promise<T> {
    this.waiting++;
    const turn = this.tail.then(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        deadline?.check();
        return work();
      } finally {
        this.waiting--;
      }
    });
    // The chain must go on whatever this piece did.
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}

/** One gate per process: the CPU it protects is the process's one event loop. */
export const cpuGate = new CpuGate();
