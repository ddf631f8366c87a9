import { DomainError } from '../errors';
import { ErrorCode } from '../errors/error-code';
import { Deadline } from './deadline';

/**
 * Admission for expensive requests: at most `slots` run at once, the rest wait in arrival order.
 * The event loop then never holds more than a few large answers being built or serialized, so
 * small requests and health checks are not starved by a crowd of large ones. A request that
 * cannot get a slot before its deadline is answered TIMEOUT without having run.
 */
export class HeavyLane {
  private running = 0;
  /** Requests that got a turn since start, for metrics. */
  admitted = 0;
  private readonly queue: { grant: () => void }[] = [];

  constructor(readonly slots: number) {}

  get waiting(): number {
    return this.queue.length;
  }

  get active(): number {
    return this.running;
  }

  /** Resolves with the slot's release function; call it exactly once. */
  acquire(deadline: Deadline | null): Promise<() => void> {
    const release = once(() => {
      this.running--;
      this.queue.shift()?.grant();
    });
    if (this.running < this.slots) {
      this.running++;
      this.admitted++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          stop();
          this.running++;
          this.admitted++;
          resolve(release);
        },
      };
      this.queue.push(entry);
      const stop = deadline
        ? deadline.onExpire(() => {
            const at = this.queue.indexOf(entry);
            if (at >= 0) this.queue.splice(at, 1);
            reject(busy(deadline));
          })
        : () => undefined;
    });
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

function busy(deadline: Deadline): DomainError {
  return new DomainError(
    ErrorCode.TIMEOUT,
    `The request waited its whole ${deadline.limitMs} ms (${deadline.setting}) for a turn among expensive requests and did not run. Retry later, or ask for less so it is not expensive (PEDIGREE_HEAVY_REQUEST_COST).`,
    undefined,
    { limit: deadline.setting, limitMs: deadline.limitMs },
  );
}
