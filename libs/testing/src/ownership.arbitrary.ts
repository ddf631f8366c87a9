import fc from 'fast-check';

/**
 * Random webs of ownership stakes (cross-holdings and cycles included) for the ownership rules'
 * property tests, and a brute-force answer: every sequence of distinct organizations is tried as
 * a path, so the reference shares no search with the rules. Structurally the catalog's StakeEdge,
 * which this library cannot import (the catalog's entry point loads Nest).
 */

export interface OwnershipStakeFixture {
  id: string;
  ownerId: string;
  ownedId: string;
  percentage: number;
}

export interface OwnershipWeb {
  /** Organization "0" is the one asked about. */
  organizationIds: string[];
  stakes: OwnershipStakeFixture[];
}

/** Up to 6 organizations and 14 stakes: brute force stays under 6! orderings. Parallel stakes allowed. */
export function ownershipWebArbitrary(): fc.Arbitrary<OwnershipWeb> {
  return fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc
      .array(fc.record({ owner: fc.nat({ max: n - 1 }), owned: fc.nat({ max: n - 1 }), percentage: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 14 })
      .map((raw) => ({
        organizationIds: Array.from({ length: n }, (_, i) => String(i)),
        stakes: raw
          .filter((s) => s.owner !== s.owned)
          .map((s, i) => ({ id: String(i + 1), ownerId: String(s.owner), ownedId: String(s.owned), percentage: s.percentage / 10 })),
      })),
  );
}

/** Per owner: the summed share over all simple paths up from `targetId`, and the largest single path's share. */
export function bruteForceEffectiveOwnership(web: OwnershipWeb, targetId: string): Map<string, { total: number; strongest: number }> {
  const out = new Map<string, { total: number; strongest: number }>();
  const others = web.organizationIds.filter((id) => id !== targetId);
  const sequences = (prefix: string[], rest: string[]): string[][] =>
    rest.flatMap((id) => [
      [...prefix, id],
      ...sequences(
        [...prefix, id],
        rest.filter((r) => r !== id),
      ),
    ]);
  for (const seq of sequences([targetId], others)) {
    // The product over each hop of the sum of the stakes on that hop is the sum over the paths through them.
    let total = 100;
    let strongest = 100;
    for (let i = 1; i < seq.length; i++) {
      const hop = web.stakes.filter((s) => s.ownedId === seq[i - 1] && s.ownerId === seq[i]).map((s) => s.percentage);
      total = (total * hop.reduce((a, b) => a + b, 0)) / 100;
      strongest = (strongest * Math.max(0, ...hop)) / 100;
    }
    if (total === 0) continue;
    const owner = seq[seq.length - 1];
    const held = out.get(owner) ?? { total: 0, strongest: 0 };
    out.set(owner, { total: held.total + total, strongest: Math.max(held.strongest, strongest) });
  }
  return out;
}
