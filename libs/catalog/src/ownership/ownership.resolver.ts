import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { invalidInput, Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { CatalogContext } from '../catalog.loaders';
import { OrganizationType } from '../organization/organization.graphql';
import { OrganizationRecord } from '../organization/organization.record';
import { OwnershipStakeRecord } from './ownership.record';
import { EffectiveOwnerType, EffectiveOwnersArgs, OwnershipStakeType, RecordOwnershipStakeInput, RetractOwnershipStakeInput } from './ownership.graphql';
import { atLeast, EffectiveHolding } from './ownership.rules';
import { OwnershipService } from './ownership.service';

const loadAll = async (ctx: CatalogContext, ids: readonly string[]) => (await ctx.loaders.organization.loadMany(ids)).filter((o) => o && !(o instanceof Error));

@Resolver(() => OwnershipStakeType)
export class OwnershipResolver {
  constructor(private readonly service: OwnershipService) {}

  @Allow(Permission.REFERENCE_WRITE)
  @Mutation(() => OwnershipStakeType, {
    description:
      'Record that one organization holds a share of another. Refused when the active stakes in the owned organization would exceed 100 % on any day.',
  })
  recordOwnershipStake(@Args('input', { description: 'What to register or record.' }) input: RecordOwnershipStakeInput) {
    return this.service.record(input);
  }

  @Allow(Permission.REFERENCE_WRITE)
  @Mutation(() => OwnershipStakeType, { description: 'Withdraw an ownership stake by a retraction with its own evidence; the stake stays on record.' })
  retractOwnershipStake(@Args('input', { description: 'What to register or record.' }) input: RetractOwnershipStakeInput) {
    return this.service.retract(input.stakeId, input.evidence, input.recordedBy);
  }

  @ResolveField(() => OrganizationType, { description: 'The organization that holds the stake.' })
  owner(@Parent() stake: OwnershipStakeRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.organization.load(stake.ownerId);
  }

  @ResolveField(() => OrganizationType, { description: 'The organization the stake is in.' })
  owned(@Parent() stake: OwnershipStakeRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.organization.load(stake.ownedId);
  }
}

/** Ownership as seen from an organization. Every field batches through the request's loaders. */
@Resolver(() => OrganizationType)
export class OrganizationOwnershipResolver {
  @ResolveField(() => [OwnershipStakeType], {
    description: 'Direct stakes in this organization that hold today (not retracted, within their dates), largest first.',
  })
  owners(@Parent() org: OrganizationRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.owners.load(org.id);
  }

  @ResolveField(() => [OrganizationType], {
    description: 'The chain of controlling owners, nearest first: each holds more than 50 % of the one before. Empty when no one holds more than half.',
  })
  async controllingOwners(@Parent() org: OrganizationRecord, @Context() ctx: CatalogContext) {
    return loadAll(ctx, await ctx.loaders.controllingOwners.load(org.id));
  }

  @ResolveField(() => OrganizationType, {
    description: 'The ultimate controlling owner: the top of `controllingOwners`, or the organization itself. The vendor of the models it publishes.',
  })
  async vendor(@Parent() org: OrganizationRecord, @Context() ctx: CatalogContext) {
    const root = await ctx.loaders.organizationRoot.load(org.id);
    return ctx.loaders.organization.load(root?.rootId ?? org.id);
  }

  @ResolveField(() => [EffectiveOwnerType], {
    description: 'Organizations that own this one directly or through chains of stakes, with their effective share, largest first.',
  })
  async effectiveOwners(@Parent() org: OrganizationRecord, @Args() args: EffectiveOwnersArgs, @Context() ctx: CatalogContext) {
    const min = args.minPercentage;
    if (!Number.isFinite(min) || min < 0 || min > 100) throw invalidInput('minPercentage', `${min} is not a share`, 'a percentage from 0 to 100');
    return atLeast(await ctx.loaders.effectiveOwners.load(org.id), min);
  }
}

@Resolver(() => EffectiveOwnerType)
export class EffectiveOwnerResolver {
  @ResolveField(() => OrganizationType, { description: 'The owner.' })
  owner(@Parent() holding: EffectiveHolding, @Context() ctx: CatalogContext) {
    return ctx.loaders.organization.load(holding.ownerId);
  }

  @ResolveField(() => [OwnershipStakeType], {
    description: 'The strongest chain (the largest single share), from a stake in this organization up to a stake held by the owner.',
  })
  async chain(@Parent() holding: EffectiveHolding, @Context() ctx: CatalogContext) {
    return (await ctx.loaders.stake.loadMany(holding.chain.map((s) => s.id))).filter((s) => s && !(s instanceof Error));
  }
}
