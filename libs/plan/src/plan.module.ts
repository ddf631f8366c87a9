import { Module } from '@nestjs/common';
import { CatalogModule } from '@pedigree/catalog';
import { DeploymentModule } from '@pedigree/deployment';
import { LineageModule } from '@pedigree/lineage';
import { PlanResolver } from './plan.resolver';
import { PlanService } from './plan.service';

export const PLAN_RESOLVERS = [PlanResolver];

@Module({
  imports: [CatalogModule, LineageModule, DeploymentModule],
  providers: [PlanService, ...PLAN_RESOLVERS],
  exports: [PlanService],
})
export class PlanModule {}
