import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { ApplyPlanInput, PlanReportType } from './plan.graphql';
import { PlanService } from './plan.service';

@Resolver(() => PlanReportType)
export class PlanResolver {
  constructor(private readonly plans: PlanService) {}

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => PlanReportType, {
    description:
      'Apply a whole registration (the organizations, licenses, models, datasets, checkpoints, edges and deployments of one card, BOM or import batch) in one transaction: all of it or none of it. Every item is checked and reported (CREATED, ALREADY_PRESENT, CONFLICT, REFUSED); the plan is written only when no item is CONFLICT or REFUSED, and never with `dryRun`. Each created item records its own audit event. At most 500 items.',
  })
  applyPlan(@Args('input', { description: 'The items, in dependency order.' }) input: ApplyPlanInput) {
    return this.plans.apply(input);
  }
}
