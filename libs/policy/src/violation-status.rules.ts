import { PolicyFinding, ViolationStatus } from './policy.record';
import { StoredViolation, ViolationWrite } from './violation.repository';

/** One subject's evaluation, as the reconciler needs it. */
export interface SubjectOutcome {
  key: string;
  nodeId: string | null;
  deploymentId: string | null;
  findings: readonly PolicyFinding[];
  /** Policy id → version of every enabled policy in scope that was evaluated. */
  evaluated: ReadonlyMap<string, number>;
}

/**
 * What to write so stored violations match a fresh evaluation: a finding is OPEN, or WAIVED while
 * a waiver covers it; a stored violation no longer found (the policy holds, is disabled or out of
 * scope) is RESOLVED. Only changes of status carry an event; an unchanged one is still touched so
 * `lastEvaluatedAt` says it was looked at.
 */
export function reconcile(
  outcomes: readonly SubjectOutcome[],
  stored: readonly StoredViolation[],
  waivers: ReadonlyMap<string, string>,
  reason: string | ((subjectKey: string) => string),
): ViolationWrite[] {
  const reasonOf = typeof reason === 'string' ? () => reason : reason;
  const existing = new Map(stored.map((s) => [`${s.policyId}|${s.subjectKey}`, s]));
  const storedBySubject = new Map<string, StoredViolation[]>();
  for (const s of stored) storedBySubject.set(s.subjectKey, [...(storedBySubject.get(s.subjectKey) ?? []), s]);
  const writes: ViolationWrite[] = [];
  for (const o of outcomes) {
    const found = new Set<string>();
    for (const f of o.findings) {
      const k = `${f.policyId}|${o.key}`;
      found.add(k);
      const waiverId = waivers.get(k) ?? null;
      const status = waiverId ? ViolationStatus.WAIVED : ViolationStatus.OPEN;
      const before = existing.get(k);
      writes.push({
        policyId: f.policyId,
        policyVersion: f.version,
        subjectKey: o.key,
        nodeId: o.nodeId,
        deploymentId: o.deploymentId,
        status,
        waiverId,
        message: f.message,
        matches: f.matches,
        evaluationError: f.evaluationError,
        event: before?.status === status ? null : { from: before?.status ?? null, reason: reasonOf(o.key) },
      });
    }
    for (const s of storedBySubject.get(o.key) ?? []) {
      const k = `${s.policyId}|${s.subjectKey}`;
      if (found.has(k) || s.status === ViolationStatus.RESOLVED) continue;
      writes.push({
        policyId: s.policyId,
        policyVersion: o.evaluated.get(s.policyId) ?? s.policyVersion,
        subjectKey: s.subjectKey,
        nodeId: o.nodeId,
        deploymentId: o.deploymentId,
        status: ViolationStatus.RESOLVED,
        waiverId: null,
        message: o.evaluated.has(s.policyId) ? 'The condition no longer holds.' : 'The policy is disabled or no longer applies to this subject.',
        matches: [],
        evaluationError: null,
        event: { from: s.status, reason: reasonOf(o.key) },
      });
    }
  }
  return writes;
}
