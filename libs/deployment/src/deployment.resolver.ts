import { Args, ArgsType, Context, Field, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission, toPageRequest } from '@pedigree/core';
import { CatalogContext, OrganizationType } from '@pedigree/catalog';
import { Allow, Connection, toConnection, PageArgs } from '@pedigree/graphql-common';
import { LineageNodeType } from '@pedigree/lineage';
import { DeploymentFilterInput, DeploymentType, RegisterDeploymentInput } from './deployment.graphql';
import { DeploymentRecord } from './deployment.record';
import { DeploymentService } from './deployment.service';

const DeploymentConnection = Connection(DeploymentType, 'Deployment');

@ArgsType()
class DeploymentsArgs extends PageArgs {
  @Field(() => DeploymentFilterInput, { nullable: true, description: 'Filters; all must match.' })
  filter?: DeploymentFilterInput;
}

@Resolver(() => DeploymentType)
export class DeploymentResolver {
  constructor(private readonly service: DeploymentService) {}

  @Allow(Permission.AUDIT_READ)
  @Query(() => DeploymentType, { nullable: true, description: 'A deployment by name.' })
  deployment(@Args('name', { description: 'E.g. `claims-assistant/prod`.' }) name: string) {
    return this.service.findByName(name);
  }

  @Allow(Permission.AUDIT_READ)
  @Query(() => DeploymentConnection, { description: 'Deployments by owner, environment, tag or organization.' })
  async deployments(@Args() args: DeploymentsArgs) {
    return toConnection('deployment', await this.service.page(args.filter ?? {}, toPageRequest('deployment', args.first, args.after)));
  }

  @Allow(Permission.DEPLOYMENT_WRITE)
  @Mutation(() => DeploymentType, { description: 'Register a deployment. Idempotent by name; different values are a CONFLICT.' })
  registerDeployment(@Args('input', { description: 'What to register.' }) input: RegisterDeploymentInput) {
    return this.service.register(input);
  }

  @ResolveField(() => LineageNodeType, { description: 'The checkpoint it runs or the model it calls.' })
  uses(@Parent() d: DeploymentRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(d.nodeId);
  }

  @ResolveField(() => OrganizationType, { nullable: true, description: 'Who serves it; null when self-hosted.' })
  inferenceProvider(@Parent() d: DeploymentRecord, @Context() ctx: CatalogContext) {
    return d.inferenceProviderId ? ctx.loaders.organization.load(d.inferenceProviderId) : null;
  }

  @ResolveField(() => OrganizationType, { nullable: true, description: 'The organization that runs it; null when not recorded.' })
  owner(@Parent() d: DeploymentRecord, @Context() ctx: CatalogContext) {
    return d.ownerId ? ctx.loaders.organization.load(d.ownerId) : null;
  }
}
