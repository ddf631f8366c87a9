import { Injectable } from '@nestjs/common';
import { CheckpointService, DatasetService, ModelService } from '@pedigree/catalog';
import { can, DomainError, ErrorCode, invalidInput, Permission, requestContext } from '@pedigree/core';
import { DeploymentService } from '@pedigree/deployment';
import { LineageNodeRepository, LineageService, NodeRef, resolveNodeRef } from '@pedigree/lineage';
import { PlanCommand, PlanReport, PlanService } from '@pedigree/plan';
import { isWaived, PolicyEvaluator } from './policy-evaluator.service';
import { GateFinding, outcomeOf, PolicyGateService, PolicyOutcome } from './policy-gate.service';
import { SubjectEvidenceLoader } from './subject-evidence.loader';

/** Exactly one planned registration: the input its mutation would take. */
export interface PolicyDraft {
  model?: Parameters<ModelService['apply']>[0] | null;
  checkpoint?: Parameters<CheckpointService['apply']>[0] | null;
  dataset?: Parameters<DatasetService['apply']>[0] | null;
  deployment?: Parameters<DeploymentService['apply']>[0] | null;
  lineage?: Parameters<LineageService['apply']>[0] | null;
  plan?: PlanCommand | null;
}

export interface PolicyEvaluation {
  outcome: PolicyOutcome;
  findings: GateFinding[];
  /** A plan draft's report: a plan swallows item refusals into it, so the caller must see them. */
  plan: PlanReport | null;
}

/**
 * `evaluatePolicies`: the gates' answer without a write. A draft runs the real registration
 * (every check it makes, the same gate) in a transaction that is always rolled back; a registered
 * subject is judged as it stands.
 */
@Injectable()
export class PolicyCheckService {
  constructor(
    private readonly gate: PolicyGateService,
    private readonly evaluator: PolicyEvaluator,
    private readonly loader: SubjectEvidenceLoader,
    private readonly nodes: LineageNodeRepository,
    private readonly models: ModelService,
    private readonly checkpoints: CheckpointService,
    private readonly datasets: DatasetService,
    private readonly deployments: DeploymentService,
    private readonly lineage: LineageService,
    private readonly plans: PlanService,
  ) {}

  async evaluate(
    subject: { node?: NodeRef | null; deployment?: string | null } | null | undefined,
    draft: PolicyDraft | null | undefined,
  ): Promise<PolicyEvaluation> {
    const drafts = draft ? Object.entries(draft).filter(([, v]) => v) : [];
    const subjects = subject ? [subject.node, subject.deployment].filter((x) => x) : [];
    if (drafts.length + subjects.length !== 1) {
      throw invalidInput(
        drafts.length > 1 ? 'draft' : subjects.length > 1 ? 'subject' : 'subject',
        `${drafts.length + subjects.length} subjects were given`,
        'exactly one of subject.node, subject.deployment, or one draft field (model, checkpoint, dataset, deployment, lineage, plan)',
      );
    }
    if (!drafts.length) {
      const findings = await this.standing(subject!);
      return { outcome: outcomeOf(findings), findings, plan: null };
    }
    const { findings, plan } = await this.dryRun(draft!);
    return { outcome: outcomeOf(findings), findings, plan };
  }

  private async dryRun(draft: PolicyDraft): Promise<{ findings: GateFinding[]; plan: PlanReport | null }> {
    const needs = draft.deployment || draft.plan?.items.some((i) => i.deployment) ? Permission.DEPLOYMENT_WRITE : Permission.LINEAGE_WRITE;
    if (!can(requestContext.principal().role, needs))
      throw new DomainError(ErrorCode.FORBIDDEN, `Checking a planned ${draft.deployment ? 'deployment' : 'registration'} needs ${needs}.`, 'draft');
    let plan: PlanReport | null = null;
    const findings = await this.gate.dryRun(async () => {
      if (draft.model) await this.models.apply(draft.model);
      if (draft.checkpoint) await this.checkpoints.apply(draft.checkpoint);
      if (draft.dataset) await this.datasets.apply(draft.dataset);
      if (draft.deployment) await this.deployments.apply(draft.deployment);
      if (draft.lineage) await this.lineage.apply(draft.lineage);
      if (draft.plan) plan = await this.plans.apply({ ...draft.plan, dryRun: false });
    });
    return { findings, plan };
  }

  private async standing(subject: { node?: NodeRef | null; deployment?: string | null }): Promise<GateFinding[]> {
    const loaded = subject.node
      ? await this.loader.nodes([(await resolveNodeRef(this.nodes, subject.node, 'subject.node')).id])
      : [await this.loader.deployment(subject.deployment!)];
    const outcomes = this.evaluator.evaluate(
      (await this.evaluator.active()).filter((p) => p.version.enabled),
      loaded,
    );
    const waivers = await this.evaluator.waiversFor(outcomes);
    return outcomes.flatMap((o) => o.findings.map((f) => ({ ...f, subject: o.name, waived: isWaived(f, o.key, waivers) })));
  }
}
