/**
 * Seeded randomness. The plan draws from one sequential generator (the order of draws is the
 * order of planning), while cosmetic row fields use a stateless hash of (seed, stream, index), so
 * a row's digest or date does not depend on how many draws came before it.
 */

/** sfc32: fast, 32-bit only, and statistically good enough for synthetic data. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(seed + stream * 0x85ebca6b);
    this.c = mix32(stream ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn from a cumulative weight table (see `cumulative`). */
  weighted(cdf: Float64Array): number {
    return searchCdf(cdf, this.next() * cdf[cdf.length - 1]);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** murmur3's finalizer: a cheap, well-mixed 32-bit hash. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Stateless 32-bit hash of (seed, stream, index, salt). */
export function hash32(seed: number, stream: number, index: number, salt = 0): number {
  return mix32(mix32(mix32(seed ^ Math.imul(stream, 0x27d4eb2d)) ^ index) ^ Math.imul(salt + 1, 0x165667b1));
}

/** Stateless uniform in [0, 1). */
export function hash01(seed: number, stream: number, index: number, salt = 0): number {
  return hash32(seed, stream, index, salt) / 4294967296;
}

export function cumulative(weights: readonly number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cdf[i] = sum += w));
  return cdf;
}

/** Zipf weights 1/rank^s: the power law behind "a few bases with most of the descendants". */
export function zipfCdf(count: number, exponent: number): Float64Array {
  const cdf = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) cdf[i] = sum += 1 / Math.pow(i + 1, exponent);
  return cdf;
}

export function searchCdf(cdf: Float64Array, x: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Streams of the stateless hash, one per kind of row, so two tables never share draws. */
export enum Stream {
  MODEL = 1,
  DATASET,
  CHECKPOINT,
  RUN,
  EDGE,
  DEPLOYMENT,
  DIGEST,
}
