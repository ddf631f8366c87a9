import { Args, Context, GraphQLISODateTime, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CatalogContext } from '@pedigree/catalog';
import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { LineageNodeType, NodeRefInput } from '@pedigree/lineage';
import { ExposureDiffType } from './exposure-diff.graphql';
import { ExposureDiffService } from './exposure-diff.service';

@Resolver(() => ExposureDiffType)
export class ExposureDiffResolver {
  constructor(private readonly service: ExposureDiffService) {}

  @Allow(Permission.AUDIT_READ)
  @Query(() => ExposureDiffType, {
    description:
      'Countries, vendors, unavoidable vendors, teachers, licenses and license drift that appeared or disappeared in the exposure of a model, checkpoint or dataset between two recorded moments, each with the claims and audit events that caused it.',
  })
  exposureDiff(
    @Args('of', { type: () => NodeRefInput, description: 'The model, checkpoint or dataset.' }) of: NodeRefInput,
    @Args('from', { type: () => GraphQLISODateTime, description: 'The earlier moment, e.g. the last audit; at or after the subject’s registration.' })
    from: Date,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true, description: 'The later moment, after `from` and not in the future; now when omitted.' })
    to?: Date | null,
    @Args('validAt', {
      type: () => String,
      nullable: true,
      description:
        'The real-world day (YYYY-MM-DD) ownership stakes are judged valid on at both moments (their validFrom/validTo), so only what was recorded in between counts. Defaults to the day of each moment.',
    })
    validAt?: string | null,
  ) {
    return this.service.diff(of, from, to, validAt);
  }

  @ResolveField(() => LineageNodeType, { description: 'The audited model, checkpoint or dataset.' })
  subject(@Parent() d: ExposureDiffType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(d.subjectId);
  }
}
