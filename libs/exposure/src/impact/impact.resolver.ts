import { Args, Context, GraphQLISODateTime, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { pageOfSlice, Permission, Relation, timeSlice, toPageRequest } from '@pedigree/core';
import { CatalogContext } from '@pedigree/catalog';
import { Allow, Connection, PageArgs, toOffsetConnection } from '@pedigree/graphql-common';
import { LineageNodeType } from '@pedigree/lineage';
import { AffectedDeploymentType, AffectedNodeType, ImpactTargetInput, ImpactType } from './impact.graphql';
import { ImpactService, ImpactView } from './impact.service';

const AffectedNodeConnection = Connection(AffectedNodeType, 'AffectedNode');
const AffectedDeploymentConnection = Connection(AffectedDeploymentType, 'AffectedDeployment');

@Resolver(() => ImpactType)
export class ImpactResolver {
  constructor(private readonly impactService: ImpactService) {}

  @Allow(Permission.AUDIT_READ)
  @Query(() => ImpactType, {
    description:
      'What is affected if an organization, model, checkpoint, dataset or country changes terms or goes away: all descendants, totals per relation, and the deployments.',
  })
  impact(
    @Args('of', { type: () => ImpactTargetInput, description: 'The target.' }) of: ImpactTargetInput,
    @Args('relations', { type: () => [Relation], nullable: true, description: 'Follow only these relations (CHECKPOINT_OF is always followed). Default: all.' })
    relations?: Relation[],
    @Args('asOf', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description:
        "Answer as the registry knew it at this moment: the target's models and datasets by the publishers, countries and ownership of then, descendants through edges recorded and not retracted by then, compute and ownership hits recorded by then, and the deployments registered by then (a deployment is never changed once registered, so its registration time is all its history; deployment fields answer as registered). Not in the future, nor before the target (a model, checkpoint, dataset or organization) was registered. Omit for the present.",
    })
    asOf?: Date | null,
  ) {
    return this.impactService.impact(of, relations ?? [], timeSlice(asOf, null));
  }

  @ResolveField(() => AffectedNodeConnection, {
    description: 'Affected nodes, nearest first (by depth, then id): every descendant of a node of the target, its own nodes below its other nodes included.',
  })
  async affected(@Parent() impact: ImpactView, @Args() page: PageArgs) {
    return toOffsetConnection('affected', await pageOfSlice(impact.affectedCount, toPageRequest('affected', page.first, page.after), impact.affected));
  }

  @ResolveField(() => AffectedDeploymentConnection, { description: 'Affected deployments, with the path to each.' })
  async deployments(@Parent() impact: ImpactView, @Args() page: PageArgs) {
    return toOffsetConnection(
      'affected-deployment',
      await pageOfSlice(impact.deploymentCount, toPageRequest('affected-deployment', page.first, page.after), impact.deployments),
    );
  }
}

@Resolver(() => AffectedNodeType)
export class AffectedNodeResolver {
  @ResolveField(() => LineageNodeType, { description: 'The affected model, checkpoint or dataset (its fields answer for the present, also under `asOf`).' })
  node(@Parent() a: AffectedNodeType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(a.id);
  }
}
