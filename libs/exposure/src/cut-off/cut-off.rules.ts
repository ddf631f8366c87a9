import { isNonCommercial, licenseProfile, LicenseTerms, ObligationKind } from '@pedigree/licensing';

/** A model as the substitute rules compare it (the catalog's SubstituteFacts has this shape). */
export interface CandidateModel {
  id: string;
  name: string;
  modality: string | null;
  parameterCount: number | null;
  tasks: string[];
  license: string | null;
  access: string;
  releaseDate: string | null;
  vendorId: string | null;
  vendorCountry: string | null;
}

/** What one affected deployment needs of a substitute. */
export interface SubstituteNeed {
  current: CandidateModel;
  /** The deployment's tasks, else its model's; empty: not matched by task. */
  tasks: string[];
  /** PRODUCTION deployments need a license that allows commercial use. */
  commercial: boolean;
  /** Size window: a factor above 1. */
  range: number;
}

/** The cut-off entity as the rules see it: its words, and the organization or country it is. */
export interface CutOffEntity {
  label: string;
  organizationId: string | null;
  country: string | null;
}

export interface RankedSubstitute {
  model: CandidateModel;
  rank: number;
  closeness: number;
  reasons: string[];
}

export const MAX_SUBSTITUTES = 5;
/** The deployment library's Criticality values, least first; kept as text so the rules stay free of Nest. */
const CRITICALITY_ORDER: readonly string[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const ANCESTRY = 'weights, distillation, training data, auxiliary, compute, ownership';

export interface CutOffScopeRule {
  environments?: readonly string[] | null;
  ownerTeam?: string | null;
  tag?: string | null;
  minCriticality?: string | null;
}

/** What the scope and the order read of a deployment (a DeploymentRecord has it). */
export interface ScopedDeployment {
  id: string;
  environment: string;
  ownerTeam: string;
  tags: string[];
  criticality: string;
}

/** Whether a deployment counts in the scenario: every given filter must match. */
export function inScope(d: ScopedDeployment, s: CutOffScopeRule): boolean {
  if (s.environments?.length && !s.environments.includes(d.environment)) return false;
  if (s.ownerTeam && d.ownerTeam !== s.ownerTeam) return false;
  if (s.tag && !d.tags.includes(s.tag.trim().toLowerCase())) return false;
  if (s.minCriticality && CRITICALITY_ORDER.indexOf(d.criticality) < CRITICALITY_ORDER.indexOf(s.minCriticality)) return false;
  return true;
}

/** Most critical first, then by id: the order deployments are listed in. */
export function byCriticality(a: ScopedDeployment, b: ScopedDeployment): number {
  return CRITICALITY_ORDER.indexOf(b.criticality) - CRITICALITY_ORDER.indexOf(a.criticality) || Number(a.id) - Number(b.id);
}

/** The size window `[lo, hi]` around a parameter count; null bounds when it is unknown. */
export function sizeWindow(parameterCount: number | null, range: number): { at: number | null; lo: number | null; hi: number | null } {
  return parameterCount === null ? { at: null, lo: null, hi: null } : { at: parameterCount, lo: parameterCount / range, hi: parameterCount * range };
}

/**
 * An API_ONLY model runs only where its vendor serves it: a cut-off of that vendor, or of its country,
 * stops it even when nothing in its lineage reaches the target.
 */
export function servedByTarget(c: CandidateModel, t: CutOffEntity): boolean {
  if (c.access !== 'API_ONLY') return false;
  return (t.organizationId !== null && c.vendorId === t.organizationId) || (t.country !== null && c.vendorCountry === t.country);
}

const billions = (n: number) => `${(n / 1e9).toFixed(1)}B`;

/**
 * Why `c` can replace the deployment's model, or null when it cannot. `affected` says whether the
 * target reaches the candidate's ancestry on some relation (the caller knows it from the impact walk).
 * A candidate of unknown size is left out when the current size is known (nothing shows it is within
 * the window); when the current size is unknown, size is not compared and the reasons say so.
 */
export function qualify(
  c: CandidateModel,
  need: SubstituteNeed,
  target: CutOffEntity,
  affected: boolean,
  terms: ReadonlyMap<string, LicenseTerms>,
): string[] | null {
  const cur = need.current;
  if (c.id === cur.id || affected || servedByTarget(c, target)) return null;
  if (!c.modality || c.modality !== cur.modality) return null;
  const reasons = [`same modality ${c.modality}`];
  if (cur.parameterCount !== null) {
    if (c.parameterCount === null) return null;
    const ratio = Math.max(c.parameterCount / cur.parameterCount, cur.parameterCount / c.parameterCount);
    if (ratio > need.range * (1 + 1e-9)) return null;
    reasons.push(`${billions(c.parameterCount)} parameters, within ×${need.range} of ${billions(cur.parameterCount)}`);
  } else {
    reasons.push(`size not compared: the parameter count of ${cur.name} is unknown`);
  }
  const profile = licenseProfile(c.license, terms);
  if (need.commercial) {
    if (!profile.known || isNonCommercial(profile)) return null;
    const threshold = profile.obligations.find((o) => o.kind === ObligationKind.USER_THRESHOLD);
    reasons.push(`licensed ${c.license}, allows commercial use${threshold ? ` (${threshold.text.toLowerCase()})` : ''}`);
  } else {
    reasons.push(
      profile.known
        ? `licensed ${c.license}${isNonCommercial(profile) ? ', non-commercial only (not a PRODUCTION deployment)' : ''}`
        : 'license unknown (not a PRODUCTION deployment)',
    );
  }
  if (need.tasks.length) {
    const shared = need.tasks.filter((t) => c.tasks.includes(t));
    if (!shared.length) return null;
    reasons.push(`tasks ${shared.join(', ')} match`);
  }
  reasons.push(`ancestry avoids ${target.label} on every relation (${ANCESTRY})`);
  return reasons;
}

/**
 * Closeness in [0, 1]: 0.4 × task overlap (shared / needed; 1 when none are needed)
 * + 0.4 × size (1 − |ln(candidate / current)| / ln(range); 0.5 when the current size is unknown)
 * + 0.1 × same access kind + 0.1 × release (1 when at least as new as the current model; 0 when older or either date is unknown, so an undated model never outranks a dated one).
 */
export function closeness(c: CandidateModel, need: SubstituteNeed): number {
  const cur = need.current;
  const tasks = need.tasks.length ? need.tasks.filter((t) => c.tasks.includes(t)).length / need.tasks.length : 1;
  const size =
    cur.parameterCount !== null && c.parameterCount !== null
      ? Math.max(0, 1 - Math.abs(Math.log(c.parameterCount / cur.parameterCount)) / Math.log(need.range))
      : 0.5;
  const access = c.access === cur.access ? 1 : 0;
  const release = c.releaseDate && cur.releaseDate && c.releaseDate >= cur.releaseDate ? 1 : 0;
  return Math.round((0.4 * tasks + 0.4 * size + 0.1 * access + 0.1 * release) * 1000) / 1000;
}

/** The best `MAX_SUBSTITUTES` qualifying candidates, closest first (ties by name). */
export function rankSubstitutes(
  candidates: readonly CandidateModel[],
  need: SubstituteNeed,
  target: CutOffEntity,
  isAffected: (id: string) => boolean,
  terms: ReadonlyMap<string, LicenseTerms>,
): RankedSubstitute[] {
  const seen = new Set<string>();
  const scored: Omit<RankedSubstitute, 'rank'>[] = [];
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const reasons = qualify(c, need, target, isAffected(c.id), terms);
    if (reasons) scored.push({ model: c, closeness: closeness(c, need), reasons });
  }
  scored.sort((a, b) => b.closeness - a.closeness || a.model.name.localeCompare(b.model.name));
  return scored.slice(0, MAX_SUBSTITUTES).map((s, i) => ({ ...s, rank: i + 1 }));
}

/** Deployments left without any substitute, per criticality, most critical first; criticalities with none are left out. */
export function withoutSubstitute<C extends string>(rows: readonly { criticality: C; substitutes: number }[]): { criticality: C; count: number }[] {
  return ([...CRITICALITY_ORDER].reverse() as C[])
    .map((criticality) => ({ criticality, count: rows.filter((r) => r.criticality === criticality && r.substitutes === 0).length }))
    .filter((c) => c.count > 0);
}
