import fc from 'fast-check';

/**
 * Options for `fc.assert`. A failure prints its seed and shrink path; replay exactly that case with
 * PEDIGREE_FC_SEED=<seed> PEDIGREE_FC_PATH=<path> (the path may be left out to rerun the seed).
 */
export function propertyOptions<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.PEDIGREE_FC_SEED;
  if (seed === undefined) return { numRuns };
  const path = process.env.PEDIGREE_FC_PATH;
  return { numRuns: path ? 1 : numRuns, seed: Number(seed), ...(path ? { path, endOnFailure: true } : {}) };
}

export type Random = () => number;

/**
 * mulberry32, for bulk data that a test needs many of but never shrinks (a large set to sort,
 * say). Anything a failure should be explained by comes from an arbitrary instead.
 */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
