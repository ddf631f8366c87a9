import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows max requests per window per key, then says when to retry', () => {
    const l = new RateLimiter(60_000);
    for (let i = 0; i < 3; i++) expect(l.hit('a', 3, 1000)).toBeNull();
    expect(l.hit('a', 3, 31_000)).toBe(30);
    expect(l.hit('b', 3, 31_000)).toBeNull();
    expect(l.hit('a', 3, 61_000)).toBeNull();
  });

  it('stays bounded: forgetting a key only ever gives it a fresh window', () => {
    const l = new RateLimiter(60_000, 2);
    expect(l.hit('a', 1, 0)).toBeNull();
    l.hit('b', 1, 0);
    l.hit('c', 1, 0);
    expect(l.hit('a', 1, 0)).toBeNull();
  });
});
