import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CheckpointType, DatasetType, ModelType } from '@pedigree/catalog';
import { Permission, requestContext, toPageRequest } from '@pedigree/core';
import { DeploymentType } from '@pedigree/deployment';
import { Allow, toConnection } from '@pedigree/graphql-common';
import { EvaluationQueueRepository } from './evaluation-queue.repository';
import { ViolationRecord } from './policy.record';
import { toViolationView } from './policy.views';
import { PolicyReevaluationStatusType, PolicyViolationConnection, PolicyViolationFilter, PolicyViolationType } from './violation.graphql';
import { ViolationRepository } from './violation.repository';

/** One statement per request for every subject's violations, whatever the number of subjects asked. */
function loader(repo: ViolationRepository, kind: 'node' | 'deployment'): DataLoader<string, ViolationRecord[]> {
  return requestContext.memo(
    `policy-violations:${kind}`,
    () =>
      new DataLoader<string, ViolationRecord[]>(async (ids) => {
        const rows = await repo.unresolvedOf(kind === 'node' ? { nodeIds: ids } : { deploymentIds: ids });
        return ids.map((id) => rows.filter((r) => (kind === 'node' ? r.nodeId : r.deploymentId) === id));
      }),
  );
}

const VIOLATIONS = { description: 'Policies this subject violates now: OPEN or WAIVED (RESOLVED ones are in `policyViolations`).' };

@Resolver(() => PolicyViolationType)
export class ViolationResolver {
  constructor(
    private readonly violations: ViolationRepository,
    private readonly queue: EvaluationQueueRepository,
  ) {}

  @Allow(Permission.AUDIT_READ)
  @Query(() => PolicyViolationConnection, { description: 'Violations across the registry, oldest first.' })
  async policyViolations(
    @Args('filter', { nullable: true, type: () => PolicyViolationFilter, description: 'Which violations.' }) filter: PolicyViolationFilter | null,
    @Args('first', { nullable: true, type: () => Int, description: 'Page size, 1 to 500; default 50.' }) first: number | null,
    @Args('after', { nullable: true, type: () => String, description: 'endCursor of the previous page.' }) after: string | null,
  ) {
    const page = await this.violations.page(
      { status: filter?.status, policyKey: filter?.policy, severity: filter?.severity },
      toPageRequest('violation', first, after),
    );
    return toConnection('violation', { ...page, items: page.items.map(toViolationView) });
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => PolicyReevaluationStatusType, { description: 'How much background re-evaluation is still queued.' })
  async policyReevaluationStatus() {
    const p = await this.queue.pending();
    return { pendingChanges: p.changes, pendingSubjects: p.tasks };
  }
}

@Resolver(() => ModelType)
export class ModelViolationsResolver {
  constructor(private readonly repo: ViolationRepository) {}
  @ResolveField(() => [PolicyViolationType], VIOLATIONS)
  async violations(@Parent() m: { id: string }) {
    return (await loader(this.repo, 'node').load(m.id)).map(toViolationView);
  }
}

@Resolver(() => CheckpointType)
export class CheckpointViolationsResolver {
  constructor(private readonly repo: ViolationRepository) {}
  @ResolveField(() => [PolicyViolationType], VIOLATIONS)
  async violations(@Parent() c: { id: string }) {
    return (await loader(this.repo, 'node').load(c.id)).map(toViolationView);
  }
}

@Resolver(() => DatasetType)
export class DatasetViolationsResolver {
  constructor(private readonly repo: ViolationRepository) {}
  @ResolveField(() => [PolicyViolationType], VIOLATIONS)
  async violations(@Parent() d: { id: string }) {
    return (await loader(this.repo, 'node').load(d.id)).map(toViolationView);
  }
}

@Resolver(() => DeploymentType)
export class DeploymentViolationsResolver {
  constructor(private readonly repo: ViolationRepository) {}
  @ResolveField(() => [PolicyViolationType], VIOLATIONS)
  async violations(@Parent() d: { id: string }) {
    return (await loader(this.repo, 'deployment').load(d.id)).map(toViolationView);
  }
}
