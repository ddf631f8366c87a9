import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission } from '@pedigree/core';
import { CatalogContext, ModelType } from '@pedigree/catalog';
import { Allow } from '@pedigree/graphql-common';
import { CutOffDeploymentType, CutOffScenarioType, CutOffScopeInput, CutOffTargetInput, SubstituteType } from './cut-off.graphql';
import { CutOffService, MAX_LISTED } from './cut-off.service';
import { CutOffDeploymentView, SubstituteView } from './cut-off.view';

@Resolver(() => CutOffScenarioType)
export class CutOffResolver {
  constructor(private readonly cutOff: CutOffService) {}

  // Same permission as `impact`: it reads the same graph and deployments.
  @Allow(Permission.AUDIT_READ)
  @Query(() => CutOffScenarioType, {
    description:
      'If an organization, country or model goes away: every affected deployment with its path, environment and criticality, up to 5 substitutes for each that avoid the target on every relation, and the deployments left without one.',
  })
  cutOffScenario(
    @Args('of', { type: () => CutOffTargetInput, description: 'What goes away.' }) of: CutOffTargetInput,
    @Args('scope', { type: () => CutOffScopeInput, nullable: true, description: 'Which deployments count, and the size window of substitutes.' })
    scope?: CutOffScopeInput,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: `List at most this many deployments (default 100, at most ${MAX_LISTED}); counts cover all.`,
    })
    first?: number,
  ) {
    return this.cutOff.scenario(of, scope ?? {}, first ?? 100);
  }
}

@Resolver(() => CutOffDeploymentType)
export class CutOffDeploymentResolver {
  @ResolveField(() => ModelType, { nullable: true, description: 'The model the deployment uses (the model of its checkpoint, or the API model it calls).' })
  currentModel(@Parent() d: CutOffDeploymentView, @Context() ctx: CatalogContext) {
    return d.currentModelId ? ctx.loaders.model.load(d.currentModelId) : null;
  }
}

@Resolver(() => SubstituteType)
export class SubstituteResolver {
  @ResolveField(() => ModelType, { description: 'The substitute model.' })
  model(@Parent() s: SubstituteView, @Context() ctx: CatalogContext) {
    return ctx.loaders.model.load(s.modelId);
  }
}
