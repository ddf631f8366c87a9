import { LRUCache } from 'lru-cache';

/**
 * Fixed one-minute windows per key. Bounded: past `maxKeys` the least recently seen key is
 * forgotten, which can only ever let a forgotten caller start a fresh window, never block one.
 */
export class RateLimiter {
  private readonly windows: LRUCache<string, { start: number; count: number }>;

  constructor(
    private readonly windowMs = 60_000,
    maxKeys = 100_000,
  ) {
    this.windows = new LRUCache({ max: maxKeys, ttl: windowMs });
  }

  /** Counts one request; null when allowed, else the seconds until the key's window resets. */
  hit(key: string, max: number, now = Date.now()): number | null {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count <= max ? null : Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }
}
