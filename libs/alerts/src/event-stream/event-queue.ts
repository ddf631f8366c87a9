import { DomainError, ErrorCode } from '@pedigree/core';

/**
 * One subscriber's events, as the async iterator GraphQL subscriptions consume. Bounded: a client
 * that reads slower than events arrive is ended with an error once `capacity` wait, instead of
 * holding an ever-growing queue in the server's memory.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((e: Error) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => void,
  ) {}

  /** Events waiting to be read. */
  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.capacity) {
      this.fail(new DomainError(ErrorCode.LIMIT_EXCEEDED, `More than ${this.capacity} events waited for this subscriber; subscribe again (and read faster).`));
      return;
    }
    this.items.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
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
