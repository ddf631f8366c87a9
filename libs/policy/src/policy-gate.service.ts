import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, GatedSubject, PolicyGate } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { isWaived, PolicyEvaluator } from './policy-evaluator.service';
import { PolicyEffect, PolicyFinding } from './policy.record';
import { LoadedSubject, SubjectEvidenceLoader } from './subject-evidence.loader';
import { ActivePolicy } from './policy-evaluation.rules';

/** A finding as a gate reports it: with whether a waiver covers it. */
export interface GateFinding extends PolicyFinding {
  subject: string;
  waived: boolean;
}

export enum PolicyOutcome {
  ALLOW = 'ALLOW',
  WARN = 'WARN',
  DENY = 'DENY',
}

export const outcomeOf = (findings: readonly GateFinding[]): PolicyOutcome =>
  findings.some((f) => f.effect === PolicyEffect.DENY && !f.waived)
    ? PolicyOutcome.DENY
    : findings.some((f) => !f.waived)
      ? PolicyOutcome.WARN
      : PolicyOutcome.ALLOW;

const ROLLBACK = Symbol('dry run');

/**
 * The gate every registration passes inside its transaction. It judges the subject as the
 * transaction sees it (uncommitted edges included). A DENY that no waiver covers refuses the write
 * with POLICY_VIOLATION; WARN findings are stored as violations with the write. In a dry run
 * (`dryRun`), findings are collected and the whole transaction is rolled back.
 */
@Injectable()
export class PolicyGateService implements PolicyGate {
  private readonly dryRuns = new AsyncLocalStorage<GateFinding[]>();

  constructor(
    private readonly db: Db,
    private readonly evaluator: PolicyEvaluator,
    private readonly loader: SubjectEvidenceLoader,
  ) {}

  async check(ref: GatedSubject): Promise<void> {
    const policies = (await this.evaluator.active()).filter((p) => p.version.enabled);
    if (!policies.length) return;
    const subjects =
      'nodeId' in ref
        ? await this.loader.nodes([ref.nodeId], { inTransaction: true })
        : [await this.loader.deployment(ref.deploymentName, { inTransaction: true })];
    const judged = await this.judge(policies, subjects);
    if (!judged) return;
    const denied = judged.denied.flat();
    if (denied.length) throw policyViolation(denied);
    await this.evaluator.store(judged.outcomes, 'REGISTERED', judged.waivers);
  }

  async checkNodes(nodeIds: readonly string[]): Promise<Map<string, DomainError>> {
    const denials = new Map<string, DomainError>();
    const policies = nodeIds.length ? (await this.evaluator.active()).filter((p) => p.version.enabled) : [];
    if (!policies.length) return denials;
    // One ancestry load and one evaluation for every node, where a gate per node would repeat both.
    const judged = await this.judge(policies, await this.loader.nodes(nodeIds, { inTransaction: true }));
    if (!judged) return denials;
    judged.outcomes.forEach((o, i) => {
      if (judged.denied[i].length && o.nodeId) denials.set(o.nodeId, policyViolation(judged.denied[i]));
    });
    if (!denials.size) await this.evaluator.store(judged.outcomes, 'REGISTERED', judged.waivers);
    return denials;
  }

  /** Evaluates and looks up waivers; null in a dry run, which only collects the findings. */
  private async judge(policies: ActivePolicy[], subjects: readonly LoadedSubject[]) {
    const outcomes = this.evaluator.evaluate(policies, subjects);
    // Nothing found, nothing to waive: a compliant registration skips the waiver lookup.
    const waivers = outcomes.some((o) => o.findings.length) ? await this.evaluator.waiversFor(outcomes) : new Map<string, string>();
    const findings = outcomes.map((o) => o.findings.map((f): GateFinding => ({ ...f, subject: o.name, waived: isWaived(f, o.key, waivers) })));
    const collected = this.dryRuns.getStore();
    if (collected) {
      collected.push(...findings.flat());
      return null;
    }
    return { outcomes, waivers, denied: findings.map((fs) => fs.filter((f) => f.effect === PolicyEffect.DENY && !f.waived)) };
  }

  /** Runs `work` (a registration) and rolls it back, returning what the gates found. */
  async dryRun(work: () => Promise<unknown>): Promise<GateFinding[]> {
    const collected: GateFinding[] = [];
    try {
      await this.db.transaction(() =>
        this.dryRuns.run(collected, async () => {
          await work();
          throw ROLLBACK;
        }),
      );
    } catch (e) {
      if (e !== ROLLBACK) throw e;
    }
    return collected;
  }
}

export function policyViolation(denied: readonly GateFinding[]): DomainError {
  const names = denied.map((f) => `"${f.key}"`).join(', ');
  return new DomainError(
    ErrorCode.POLICY_VIOLATION,
    `Refused by ${denied.length === 1 ? 'policy' : 'policies'} ${names}: ${denied.map((f) => f.message).join(' ')}`,
    undefined,
    {
      violations: denied.map((f) => ({
        policy: f.key,
        version: f.version,
        name: f.name,
        severity: f.severity,
        subject: f.subject,
        message: f.message,
        evaluationError: f.evaluationError,
        documentRef: f.documentRef,
        ancestors: f.matches.map((m) => ({ name: m.name, depth: m.depth, path: m.path, edgeIds: m.pathEdgeIds })),
      })),
    },
  );
}
