import { DomainError, ErrorCode } from '@pedigree/core';

/** How the queue bounds a reader that falls behind. */
export interface QueueLimits {
  /** Events that may wait for a reader that has stopped reading. */
  capacity: number;
  /** Events that may wait for a reader that is still reading (a burst from one import), at most. */
  burst: number;
  /** A reader that has taken nothing for this long is stopped, not slow. */
  stallMs: number;
}

/**
 * One subscriber's events, as the async iterator GraphQL subscriptions consume. Bounded: a client
 * that has stopped reading is ended with an error once `capacity` wait, and one that reads but
 * falls `burst` behind likewise, instead of holding an ever-growing queue in the server's memory.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  /** When the reader last took an event (or, before its first, when the queue was made). */
  private lastTaken = Date.now();
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((e: Error) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    private readonly limits: QueueLimits,
    private readonly onClose: () => void,
  ) {}

  /** Events waiting to be read. */
  get size(): number {
    return this.items.length;
  }

  /** How long events have waited without the reader taking one; 0 when none wait. */
  get idleMs(): number {
    return this.items.length ? Date.now() - this.lastTaken : 0;
  }

  /** True when the reader has taken nothing for `stallMs` although events wait. */
  get stalled(): boolean {
    return this.idleMs > this.limits.stallMs;
  }

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      this.lastTaken = Date.now();
      resolve({ value: item, done: false });
      return;
    }
    const { capacity, burst } = this.limits;
    if (this.items.length >= burst || (this.items.length >= capacity && Date.now() - this.lastTaken > this.limits.stallMs)) {
      this.fail(
        new DomainError(
          ErrorCode.LIMIT_EXCEEDED,
          `More than ${this.items.length >= burst ? burst : capacity} events waited for this subscriber; subscribe again (and read faster).`,
        ),
      );
      return;
    }
    this.items.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) {
      this.lastTaken = Date.now();
      return Promise.resolve({ value: this.items.shift()!, done: false });
    }
    if (this.failure) {
      const e = this.failure;
      this.failure = null;
      return Promise.reject(e);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    this.items.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private fail(error: Error): void {
    const reject = this.failWaiting;
    this.waiting = this.failWaiting = null;
    this.close();
    this.items.length = 0;
    if (reject) reject(error);
    else this.failure = error;
  }

  private close(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: undefined, done: true });
    }
  }
}
