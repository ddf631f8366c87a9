import { Args, GraphQLISODateTime, Int, Query, Resolver } from '@nestjs/graphql';
import { Permission, timeSlice } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { PortfolioExposureType, PortfolioFilterInput } from './portfolio.graphql';
import { PortfolioService } from './portfolio.service';

@Resolver(() => PortfolioExposureType)
export class PortfolioResolver {
  constructor(private readonly portfolioService: PortfolioService) {}

  @Allow(Permission.AUDIT_READ)
  @Query(() => PortfolioExposureType, {
    description: 'Country and vendor shares, concentration (HHI) and single points of failure across deployments or models.',
  })
  portfolioExposure(
    @Args('filter', { type: () => PortfolioFilterInput, nullable: true, description: 'Which members; all deployments by default.' })
    filter?: PortfolioFilterInput,
    @Args('top', { type: () => Int, defaultValue: 10, description: 'How many single points of failure to return (1 to 100).' }) top?: number,
    @Args('asOf', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description:
        "Answer as the registry knew it at this moment: the deployments or models registered by then, the filter judged by the publishers and ownership of then, and each member's exposure as `exposure(asOf)` answers it. Not in the future. Omit for the present.",
    })
    asOf?: Date | null,
  ) {
    return this.portfolioService.portfolio(filter ?? {}, top ?? 10, timeSlice(asOf, null));
  }
}
