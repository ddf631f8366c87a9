import { DomainError } from '../errors';
import { ErrorCode } from '../errors/error-code';

/**
 * The time budget of one request. When it runs out, whatever registered a cancel (running SQL)
 * is cancelled, and the next checkpoint (a query, a queued walk) throws TIMEOUT.
 */
export class Deadline {
  readonly at: number;
  private expired = false;
  private readonly cancels = new Set<() => void>();
  private readonly finishes: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly limitMs: number,
    /** The setting that sets the limit, named in the error so an operator knows what to raise. */
    readonly setting: string,
    now = Date.now(),
  ) {
    this.at = now + limitMs;
  }

  /** Arms the timer that cancels registered work at the deadline. */
  start(): this {
    this.timer = setTimeout(() => this.expire(), Math.max(0, this.at - Date.now()));
    this.timer.unref();
    return this;
  }

  /** Clears the timer once the request is answered. */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.finishes.splice(0).forEach((release) => release());
  }

  /** Runs once the request is answered: releases what the request kept for itself. */
  onFinish(release: () => void): void {
    this.finishes.push(release);
  }

  get isExpired(): boolean {
    return this.expired || Date.now() >= this.at;
  }

  remainingMs(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** Registers cancellation of work in flight; returns the function that unregisters it. */
  onExpire(cancel: () => void): () => void {
    if (this.expired) {
      cancel();
      return () => undefined;
    }
    this.cancels.add(cancel);
    return () => this.cancels.delete(cancel);
  }

  check(): void {
    if (this.isExpired) throw this.error();
  }

  error(): DomainError {
    return new DomainError(
      ErrorCode.TIMEOUT,
      `The request ran longer than its ${this.limitMs} ms limit (${this.setting}) and was stopped; its running SQL was cancelled and nothing it was writing was kept. Ask for less (a smaller first, maxDepth or fewer aliases), or raise the limit.`,
      undefined,
      { limit: this.setting, limitMs: this.limitMs },
    );
  }

  private expire(): void {
    if (this.expired) return;
    this.expired = true;
    for (const cancel of this.cancels) {
      try {
        cancel();
      } catch {
        // A failed cancel leaves the statement to statement_timeout; the request still ends here.
      }
    }
    this.cancels.clear();
  }
}
