import { Injectable } from '@nestjs/common';
import { compileCondition } from './policy-condition';
import { ActivePolicy, evaluateAll } from './policy-evaluation.rules';
import { subjectFacts } from './policy-facts';
import { PolicyFinding } from './policy.record';
import { PolicyRepository } from './policy.repository';
import { LoadedSubject } from './subject-evidence.loader';
import { SubjectOutcome, reconcile } from './violation-status.rules';
import { ViolationRepository } from './violation.repository';
import { WaiverRepository } from './waiver.repository';

export interface Evaluated extends SubjectOutcome {
  name: string;
}

/**
 * Runs policies over loaded subjects and stores what they find. Compiled conditions are kept per
 * version and reloaded when any policy gains a version (one cheap statement per call), so every
 * instance gates with the policies another instance has just written.
 */
@Injectable()
export class PolicyEvaluator {
  private cache: { fingerprint: string; policies: ActivePolicy[] } | null = null;

  constructor(
    private readonly policies: PolicyRepository,
    private readonly violations: ViolationRepository,
    private readonly waivers: WaiverRepository,
  ) {}

  async active(): Promise<ActivePolicy[]> {
    const fingerprint = await this.policies.fingerprint();
    if (this.cache?.fingerprint !== fingerprint) {
      const versions = await this.policies.current();
      // Stored conditions compiled when they were written; a failure here means a broken upgrade, not user input.
      this.cache = { fingerprint, policies: versions.map((version) => ({ version, condition: compileCondition(version.condition, `policy ${version.key}`) })) };
    }
    return this.cache.policies;
  }

  evaluate(policies: readonly ActivePolicy[], subjects: readonly LoadedSubject[]): Evaluated[] {
    return subjects.map((s) => {
      const { evaluated, findings } = evaluateAll(policies, s.scope, () => subjectFacts(s.evidence), s.name);
      return {
        key: s.key,
        name: s.name,
        nodeId: s.nodeId,
        deploymentId: s.deploymentId,
        findings,
        evaluated: new Map(evaluated.map((p) => [p.version.policyId, p.version.version])),
      };
    });
  }

  /** Active waivers for each (policy id, subject key) pair. */
  waiversFor(outcomes: readonly SubjectOutcome[]): Promise<Map<string, string>> {
    return this.waivers.covering(outcomes.map((o) => ({ key: o.key, nodeId: o.nodeId, deploymentId: o.deploymentId })));
  }

  /**
   * Writes the outcomes as violations in the caller's transaction; returns how many changed status.
   * `reason` names what caused the evaluation: one for all, or each subject's own (by subject key).
   */
  async store(outcomes: readonly SubjectOutcome[], reason: string | ReadonlyMap<string, string>, waivers?: Map<string, string>): Promise<number> {
    const [stored, covering] = await Promise.all([
      this.violations.ofSubjects(outcomes.map((o) => o.key)),
      waivers ? Promise.resolve(waivers) : this.waiversFor(outcomes),
    ]);
    const writes = reconcile(outcomes, stored, covering, typeof reason === 'string' ? reason : (key) => reason.get(key) ?? 'REEVALUATED');
    await this.violations.write(writes);
    return writes.filter((w) => w.event).length;
  }
}

export const isWaived = (f: PolicyFinding, subjectKey: string, waivers: ReadonlyMap<string, string>) => waivers.has(`${f.policyId}|${subjectKey}`);
