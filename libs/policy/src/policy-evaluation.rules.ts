import { celActivation } from './cel-activation';
import { Activation, CompiledCondition } from './policy-condition';
import { AncestorTrace, SubjectFacts } from './policy-facts';
import { PolicyEffect, PolicyFinding, PolicyMatch, PolicyOnError, PolicySubjectKind, PolicyVersionRecord } from './policy.record';

/** A policy version ready to run: its condition compiled once per version. */
export interface ActivePolicy {
  version: PolicyVersionRecord;
  condition: CompiledCondition;
}

/** What scope narrowing needs of a subject besides its kind. */
export interface ScopeFacts {
  kind: PolicySubjectKind;
  environments: ReadonlySet<string>;
  tags: ReadonlySet<string>;
  ownerTeams: ReadonlySet<string>;
  /** The subject's publisher (a deployment: its owner) and every organization that controls it. */
  organizationIds: ReadonlySet<string>;
}

const overlaps = (wanted: readonly string[], have: ReadonlySet<string>) => !wanted.length || wanted.some((w) => have.has(w));

export function inScope(p: PolicyVersionRecord, s: ScopeFacts): boolean {
  const scope = p.scope;
  return (
    (!scope.subjects.length || scope.subjects.includes(s.kind)) &&
    overlaps(scope.environments, s.environments) &&
    overlaps(scope.tags, s.tags) &&
    overlaps(scope.ownerTeams, s.ownerTeams) &&
    (!scope.organizationId || s.organizationIds.has(scope.organizationId))
  );
}

/** At most this many matching ancestors are named; the count says how many there were. */
export const MAX_NAMED_MATCHES = 20;

const toMatch = (t: AncestorTrace): PolicyMatch => ({ nodeId: t.id, name: t.name, depth: t.depth, pathEdgeIds: t.path.map((e) => e.id), path: t.pathText });

/**
 * Which ancestors made a true condition true. An expression cannot say which element of a list an
 * `exists` matched, so each ancestor is tried alone: it is named when the condition holds for it
 * and not for an empty ancestry (a condition true without ancestors is about the subject itself).
 */
export function explainMatches(condition: CompiledCondition, facts: SubjectFacts): PolicyMatch[] {
  const ancestors = facts.activation.ancestors as unknown[];
  if (!ancestors.length || holds(condition, { ...facts.activation, ancestors: [] })) return [];
  const out: PolicyMatch[] = [];
  for (let i = 0; i < ancestors.length && out.length < MAX_NAMED_MATCHES; i++) {
    if (holds(condition, { ...facts.activation, ancestors: [ancestors[i]] })) out.push(toMatch(facts.traces[i]));
  }
  return out.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
}

function holds(condition: CompiledCondition, activation: Activation): boolean {
  const r = condition(activation);
  return 'value' in r && r.value;
}

/** One policy on one subject: null when it holds no violation (or its error is ignored). */
export function evaluatePolicy(p: ActivePolicy, facts: SubjectFacts, subjectName: string): PolicyFinding | null {
  const v = p.version;
  const result = p.condition(facts.activation);
  const base = { policyId: v.policyId, key: v.key, version: v.version, name: v.name, severity: v.severity, documentRef: v.documentRef };
  if ('error' in result) {
    if (v.onError === PolicyOnError.IGNORE) return null;
    const effect = v.onError === PolicyOnError.WARN ? PolicyEffect.WARN : v.effect;
    return {
      ...base,
      effect,
      matches: [],
      evaluationError: result.error,
      message: `${v.name}: the condition failed to evaluate on ${subjectName} (${result.error}).`,
    };
  }
  if (!result.value) return null;
  const matches = explainMatches(p.condition, facts);
  const via = matches.length
    ? ` through ${matches
        .slice(0, 3)
        .map((m) => m.path)
        .join('; ')}${matches.length > 3 ? ` and ${matches.length - 3} more` : ''}`
    : '';
  return { ...base, effect: v.effect, matches, evaluationError: null, message: `${v.name}: ${subjectName} violates it${via}.` };
}

/** Every enabled policy in scope, most severe first. */
export function evaluateAll(
  policies: readonly ActivePolicy[],
  scope: ScopeFacts,
  facts: SubjectFacts | (() => SubjectFacts),
  subjectName: string,
): { evaluated: ActivePolicy[]; findings: PolicyFinding[] } {
  const evaluated = policies.filter((p) => p.version.enabled && inScope(p.version, scope));
  if (!evaluated.length) return { evaluated, findings: [] };
  // Built (and converted for CEL) only when some policy applies, and once for all of them.
  const built = typeof facts === 'function' ? facts() : facts;
  const prepared: SubjectFacts = { ...built, activation: celActivation(built.activation) };
  const findings = evaluated.map((p) => evaluatePolicy(p, prepared, subjectName)).filter((f): f is PolicyFinding => f !== null);
  const rank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;
  findings.sort((a, b) => rank[a.severity] - rank[b.severity] || a.key.localeCompare(b.key));
  return { evaluated, findings };
}
