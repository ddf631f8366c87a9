import { Args, ArgsType, Context, Field, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission, toPageRequest } from '@pedigree/core';
import { Allow, Connection, toConnection, PageArgs } from '@pedigree/graphql-common';
import { CatalogContext } from '../catalog.loaders';
import { OrganizationKind, OrganizationRecord } from './organization.record';
import { OrganizationType, RegisterOrganizationInput } from './organization.graphql';
import { OrganizationService } from './organization.service';

const OrganizationConnection = Connection(OrganizationType, 'Organization');

@ArgsType()
class OrganizationsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only organizations in this country. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`).' })
  country?: string;

  @Field(() => OrganizationKind, { nullable: true, description: 'Only organizations of this kind.' })
  kind?: OrganizationKind;
}

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  constructor(private readonly service: OrganizationService) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => OrganizationType, { nullable: true, description: 'An organization by slug or alias (e.g. `meta` or `meta-llama`).' })
  organization(@Args('slug', { description: 'Slug, alias or display name.' }) slug: string) {
    return this.service.find(slug);
  }

  @Allow(Permission.CATALOG_READ)
  @Query(() => OrganizationConnection, { description: 'Organizations, filtered by country or kind.' })
  async organizations(@Args() args: OrganizationsArgs) {
    return toConnection('organization', await this.service.page(args, toPageRequest('organization', args.first, args.after)));
  }

  @Allow(Permission.REFERENCE_WRITE)
  @Mutation(() => OrganizationType, { description: 'Register an organization. Idempotent by slug; different values are a CONFLICT.' })
  registerOrganization(@Args('input', { description: 'What to register or record.' }) input: RegisterOrganizationInput) {
    return this.service.register(input);
  }

  @ResolveField(() => OrganizationType, { nullable: true, description: 'The direct controlling owner (holding more than 50 % today); null when no one does.' })
  async parent(@Parent() org: OrganizationRecord, @Context() ctx: CatalogContext) {
    const [nearest] = await ctx.loaders.controllingOwners.load(org.id);
    return nearest ? ctx.loaders.organization.load(nearest) : null;
  }

  @ResolveField(() => OrganizationType, {
    description: 'The top of the controlling chain (itself when no one holds more than half of it); the same as `vendor`.',
  })
  async ultimateParent(@Parent() org: OrganizationRecord, @Context() ctx: CatalogContext) {
    const root = await ctx.loaders.organizationRoot.load(org.id);
    return ctx.loaders.organization.load(root?.rootId ?? org.id);
  }

  @ResolveField(() => [String], { description: 'Other names it publishes under.' })
  aliases(@Parent() org: OrganizationRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.aliases.load(org.id);
  }
}
