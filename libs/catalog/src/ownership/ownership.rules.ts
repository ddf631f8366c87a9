import { invalidInput } from '@pedigree/core';

/**
 * The arithmetic of ownership, pure: when stakes hold, whether a new one fits under 100 %, who
 * controls whom, and effective (look-through) ownership. The SQL only finds stakes and paths; the
 * numbers are made here, once.
 */

/** More than this share, held directly, is control. */
export const CONTROL_THRESHOLD = 50;
/** Longest chain of stakes followed upwards; real holding structures are far shallower. */
export const OWNERSHIP_MAX_DEPTH = 16;
/** Float slack for sums of shares such as 3 × 33.333…, which must still fit in 100 %. */
const EPSILON = 1e-9;
const BEFORE_ALL = '0000-01-01';
const AFTER_ALL = '9999-12-31';

/** Days as 'YYYY-MM-DD'; a stake holds from validFrom until, not including, validTo (null: open). */
export interface StakeWindow {
  percentage: number;
  validFrom: string | null;
  validTo: string | null;
}

export interface StakeEdge {
  id: string;
  ownerId: string;
  ownedId: string;
  percentage: number;
}

/** `chain` runs upwards: chain[0] is a stake in the organization asked about, the last one is held by `ownerId`. */
export interface EffectiveHolding {
  ownerId: string;
  percentage: number;
  chain: StakeEdge[];
}

export function assertPercentage(percentage: number, field: string): void {
  if (!Number.isFinite(percentage) || percentage <= 0 || percentage > 100) {
    throw invalidInput(field, `${percentage} is out of range`, 'a percentage greater than 0 and at most 100');
  }
}

export function assertValidity(validFrom: string | null, validTo: string | null, field: string): void {
  if (validFrom !== null && validTo !== null && validTo <= validFrom) {
    throw invalidInput(field, `${validTo} is not after validFrom ${validFrom}`, 'a date after validFrom: the first day the stake no longer holds');
  }
}

export function isActiveOn(stake: Pick<StakeWindow, 'validFrom' | 'validTo'>, day: string): boolean {
  return (stake.validFrom ?? BEFORE_ALL) <= day && day < (stake.validTo ?? AFTER_ALL);
}

/**
 * The largest total that `candidate` and `existing` (the owned organization's other active
 * stakes) reach together on any day the candidate holds. Totals only rise where a stake starts,
 * so the candidate's first day and every later start inside its window are the days to check.
 * `on` is that day, null when it is "since always".
 */
export function peakTotal(existing: readonly StakeWindow[], candidate: StakeWindow): { total: number; on: string | null } {
  const from = candidate.validFrom ?? BEFORE_ALL;
  const days = [from, ...existing.map((s) => s.validFrom ?? BEFORE_ALL).filter((d) => isActiveOn(candidate, d) && d > from)];
  let peak = { total: 0, on: null as string | null };
  // Summed in whole millionths of a percent, as controlling_stake sums them, so that the ceiling and
  // control agree exactly: 3 × 33.333333 fits, and two owners can never both be over half.
  for (const day of days) {
    const total = toMillionths(candidate.percentage) + existing.filter((s) => isActiveOn(s, day)).reduce((sum, s) => sum + toMillionths(s.percentage), 0);
    if (total > peak.total) peak = { total, on: day === BEFORE_ALL ? null : day };
  }
  return { total: peak.total / 1e6, on: peak.on };
}

/** Refuses a stake that would take an organization's active owners over 100 % on some day, saying the sum. */
export function assertFitsUnderWhole(existing: readonly StakeWindow[], candidate: StakeWindow, ownedName: string, field: string): void {
  const { total, on } = peakTotal(existing, candidate);
  if (toMillionths(total) <= 100_000_000) return;
  const others = round(total - candidate.percentage);
  throw invalidInput(
    field,
    `the active owners of "${ownedName}" would hold ${round(total)} % ${on ? `on ${on}` : 'from the start'} (${others} % recorded + ${candidate.percentage} % here)`,
    `at most ${round(Math.max(0, 100 - others))} % for that period, or retract a stake first`,
  );
}

/**
 * The chain of controlling owners of `organizationId`, nearest first: each holds more than half
 * of the one before. Stops where an organization would come back (a cycle of control).
 */
export function controllingChain(organizationId: string, controllerOf: ReadonlyMap<string, string>): string[] {
  const seen = new Set([organizationId]);
  const chain: string[] = [];
  for (let at = controllerOf.get(organizationId); at !== undefined && !seen.has(at); at = controllerOf.get(at)) {
    seen.add(at);
    chain.push(at);
  }
  return chain;
}

/** The share a chain of stakes passes on: the product of its percentages. */
export function chainPercentage(chain: readonly StakeEdge[]): number {
  return chain.reduce((share, s) => (share * s.percentage) / 100, 100);
}

/**
 * Every simple path of stakes upwards from `organizationId` (no organization twice, so
 * cross-holdings neither loop nor count a holding again), at most `maxDepth` stakes long.
 */
export function simplePathsUp(organizationId: string, stakes: readonly StakeEdge[], maxDepth = OWNERSHIP_MAX_DEPTH): StakeEdge[][] {
  const byOwned = new Map<string, StakeEdge[]>();
  for (const s of stakes) byOwned.set(s.ownedId, [...(byOwned.get(s.ownedId) ?? []), s]);
  const paths: StakeEdge[][] = [];
  const onPath = new Set([organizationId]);
  const walk = (at: string, path: StakeEdge[]) => {
    if (path.length >= maxDepth) return;
    for (const s of byOwned.get(at) ?? []) {
      if (onPath.has(s.ownerId)) continue;
      const next = [...path, s];
      paths.push(next);
      onPath.add(s.ownerId);
      walk(s.ownerId, next);
      onPath.delete(s.ownerId);
    }
  };
  walk(organizationId, []);
  return paths;
}

/**
 * Effective ownership from paths: per owner (a path's last holder), the sum of what its paths
 * pass on, and its strongest chain (largest share; then shorter; then lower stake ids). Largest
 * holdings first; equal ones (within float noise) nearest first, by the length of their strongest chain.
 */
export function sumPaths(paths: readonly (readonly StakeEdge[])[]): EffectiveHolding[] {
  const byOwner = new Map<string, EffectiveHolding & { best: number }>();
  for (const path of paths) {
    const ownerId = path[path.length - 1].ownerId;
    const share = chainPercentage(path);
    const held = byOwner.get(ownerId);
    if (!held) byOwner.set(ownerId, { ownerId, percentage: share, chain: [...path], best: share });
    else {
      held.percentage += share;
      if (stronger(path, share, held.chain, held.best)) Object.assign(held, { chain: [...path], best: share });
    }
  }
  return [...byOwner.values()]
    .map(({ ownerId, percentage, chain }) => ({ ownerId, percentage, chain }))
    .sort((a, b) =>
      Math.abs(b.percentage - a.percentage) > EPSILON ? b.percentage - a.percentage : a.chain.length - b.chain.length || compareIds(a.ownerId, b.ownerId),
    );
}

export function effectiveOwners(organizationId: string, stakes: readonly StakeEdge[], maxDepth = OWNERSHIP_MAX_DEPTH): EffectiveHolding[] {
  return sumPaths(simplePathsUp(organizationId, stakes, maxDepth));
}

/** Holdings of at least `minPercentage` (with float slack, so 50 asked finds 0.6 × 50 + 20). */
export function atLeast(holdings: readonly EffectiveHolding[], minPercentage: number): EffectiveHolding[] {
  return holdings.filter((h) => h.percentage >= minPercentage - EPSILON);
}

function stronger(path: readonly StakeEdge[], share: number, than: readonly StakeEdge[], best: number): boolean {
  if (Math.abs(share - best) > EPSILON) return share > best;
  if (path.length !== than.length) return path.length < than.length;
  for (let i = 0; i < path.length; i++) if (path[i].id !== than[i].id) return compareIds(path[i].id, than[i].id) < 0;
  return false;
}

/** Registry ids are decimal bigint text: shorter is smaller. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A percentage in whole millionths, the precision shares are compared at (the migration's controlling_stake rounds the same way). */
export function toMillionths(percentage: number): number {
  return Math.round(percentage * 1e6);
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
