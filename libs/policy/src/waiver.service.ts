import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { OrganizationService } from '@pedigree/catalog';
import { config } from '@pedigree/config';
import { assertRegistryId, invalidInput, notFound, requestContext } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { DeploymentRepository } from '@pedigree/deployment';
import { LineageNodeRepository, NodeRef, resolveNodeRef } from '@pedigree/lineage';
import { PolicyRepository } from './policy.repository';
import { WaiverRecord } from './policy.record';
import { EvaluationQueueRepository } from './evaluation-queue.repository';
import { WaiverRepository } from './waiver.repository';

export interface GrantWaiverCommand {
  policy: string;
  subject: { node?: NodeRef | null; deployment?: string | null; organization?: string | null };
  justification: string;
  approver: string;
  documentRef?: string | null;
  expiresAt: Date;
}

const MS_DAY = 86_400_000;

/**
 * Waivers: granted and revoked by POLICY_ADMIN, audited, never edited. Granting or revoking queues
 * the covered subjects, so their violations turn WAIVED or OPEN within a worker poll; an expiry
 * needs no one (reads stop counting the waiver at once, and the worker re-evaluates).
 */
@Injectable()
export class WaiverService {
  constructor(
    private readonly db: Db,
    private readonly waivers: WaiverRepository,
    private readonly policies: PolicyRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly deployments: DeploymentRepository,
    private readonly orgs: OrganizationService,
    private readonly queue: EvaluationQueueRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async grant(input: GrantWaiverCommand): Promise<WaiverRecord> {
    const justification = input.justification?.trim();
    if (!justification) throw invalidInput('input.justification', 'is empty', 'why the violation is accepted');
    const approver = input.approver?.trim();
    if (!approver) throw invalidInput('input.approver', 'is empty', 'who approved it, e.g. legal@example.com');
    const expiresAt = input.expiresAt;
    const maxDays = config().waiverMaxDays;
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now()) {
      throw invalidInput('input.expiresAt', 'is not in the future', `a time within ${maxDays} days (PEDIGREE_WAIVER_MAX_DAYS)`);
    }
    if (expiresAt.getTime() > Date.now() + maxDays * MS_DAY)
      throw invalidInput('input.expiresAt', `is more than ${maxDays} days away`, `at most ${maxDays} days (PEDIGREE_WAIVER_MAX_DAYS)`);
    const given = [input.subject?.node, input.subject?.deployment, input.subject?.organization].filter((x) => x);
    if (given.length !== 1) throw invalidInput('input.subject', `${given.length} subjects were given`, 'exactly one of node, deployment, organization');
    const [policy] = await this.policies.current([input.policy?.trim() ?? '']);
    if (!policy) throw notFound('Policy', input.policy, 'input.policy');
    const node = input.subject.node ? await resolveNodeRef(this.nodes, input.subject.node, 'input.subject.node') : null;
    const deployment = input.subject.deployment ? await this.deployments.findByName(input.subject.deployment.trim()) : null;
    if (input.subject.deployment && !deployment) throw notFound('Deployment', input.subject.deployment, 'input.subject.deployment');
    const org = input.subject.organization ? await this.orgs.require(input.subject.organization, 'input.subject.organization') : null;
    const id = await this.db.transaction(async () => {
      const waiverId = await this.waivers.insert({
        policyId: policy.policyId,
        nodeId: node?.id ?? null,
        deploymentId: deployment?.id ?? null,
        organizationId: org?.id ?? null,
        justification,
        approver,
        documentRef: input.documentRef?.trim() || null,
        expiresAt,
        grantedBy: requestContext.principal().actor,
      });
      await this.requeue(node?.id ?? null, deployment?.id ?? null, org?.id ?? null, 'WAIVER_GRANTED');
      await this.audit.record('grantWaiver', input, [waiverId]);
      return waiverId;
    });
    return (await this.waivers.findByIds([id]))[0];
  }

  async revoke(waiverId: string, reason: string): Promise<WaiverRecord> {
    // Checked before SQL: a non-numeric id would fail the bigint cast and surface as INTERNAL.
    assertRegistryId(waiverId, 'id', 'waiver id');
    const why = reason?.trim();
    if (!why) throw invalidInput('reason', 'is empty', 'why the waiver is withdrawn');
    await this.db.transaction(async () => {
      const w = await this.waivers.lock(waiverId);
      if (!w) throw notFound('Waiver', waiverId, 'id');
      if (w.revokedAt) throw invalidInput('id', `waiver ${waiverId} was already revoked on ${w.revokedAt.toISOString()}`, 'an active waiver');
      await this.waivers.revoke(waiverId, why, requestContext.principal().actor);
      await this.requeue(w.nodeId, w.deploymentId, w.organizationId, 'WAIVER_REVOKED');
      await this.audit.record('revokeWaiver', { waiverId, reason }, [waiverId]);
    });
    return (await this.waivers.findByIds([waiverId]))[0];
  }

  list(filter: { policyKey?: string | null; activeOnly?: boolean }): Promise<WaiverRecord[]> {
    return this.waivers.list(filter);
  }

  private async requeue(nodeId: string | null, deploymentId: string | null, organizationId: string | null, reason: string): Promise<void> {
    if (organizationId) {
      const s = await this.queue.ofOrganizations([organizationId]);
      await this.queue.addTasks(s.nodeIds, s.deploymentIds, reason);
    } else if (nodeId) {
      // A waiver on a model covers its checkpoints too (WaiverRepository.covering), so they move with it.
      await this.queue.addTasks([nodeId, ...(await this.queue.checkpointsOf([nodeId]))], [], reason);
    } else await this.queue.addTasks([], deploymentId ? [deploymentId] : [], reason);
  }
}
