import { Module } from '@nestjs/common';
import { CatalogModule } from '@pedigree/catalog';
import { DeploymentModule } from '@pedigree/deployment';
import { LineageModule } from '@pedigree/lineage';
import { AncestryLoader } from './ancestry.loader';
import { EXPOSURE_FIELD_RESOLVERS, ExposureResolver } from './exposure.resolver';
import { ExposureService } from './exposure.service';
import { AffectedNodeResolver, ImpactResolver } from './impact.resolver';
import { ImpactService } from './impact.service';
import { PortfolioService } from './portfolio.service';

export const EXPOSURE_RESOLVERS = [ExposureResolver, ...EXPOSURE_FIELD_RESOLVERS, ImpactResolver, AffectedNodeResolver];

@Module({
  imports: [CatalogModule, LineageModule, DeploymentModule],
  providers: [AncestryLoader, ExposureService, ImpactService, PortfolioService, ...EXPOSURE_RESOLVERS],
})
export class ExposureModule {}
