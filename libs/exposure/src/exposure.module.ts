import { Module } from '@nestjs/common';
import { CatalogModule } from '@pedigree/catalog';
import { DeploymentModule } from '@pedigree/deployment';
import { LineageModule } from '@pedigree/lineage';
import { AncestryLoader } from './ancestry.loader';
import { ForeignOwnersLoader } from './foreign-owners.loader';
import { ServingLoader } from './model-exposure/serving.loader';
import { SubjectExposureLoader } from './model-exposure/subject-exposure.loader';
import { EXPOSURE_FIELD_RESOLVERS, ExposureResolver } from './model-exposure/exposure.resolver';
import { ExposureService } from './model-exposure/exposure.service';
import { ExposureDiffResolver } from './exposure-diff/exposure-diff.resolver';
import { ExposureDiffService } from './exposure-diff/exposure-diff.service';
import { AffectedNodeResolver, ImpactResolver } from './impact/impact.resolver';
import { ImpactService } from './impact/impact.service';
import { ImpactDependencyLoader } from './impact/impact-dependency.loader';
import { CutOffDeploymentResolver, CutOffResolver, SubstituteResolver } from './cut-off/cut-off.resolver';
import { CutOffService } from './cut-off/cut-off.service';
import { PortfolioResolver } from './portfolio/portfolio.resolver';
import { PortfolioService } from './portfolio/portfolio.service';
import { ExposureChangeRepository } from './exposure-events/exposure-change.repository';
import { ExposureChangeService } from './exposure-events/exposure-change.service';
import { ExposureChangeWorker } from './exposure-events/exposure-change.worker';

export const EXPOSURE_RESOLVERS = [
  ExposureResolver,
  ...EXPOSURE_FIELD_RESOLVERS,
  ExposureDiffResolver,
  ImpactResolver,
  AffectedNodeResolver,
  PortfolioResolver,
  CutOffResolver,
  CutOffDeploymentResolver,
  SubstituteResolver,
];

@Module({
  imports: [CatalogModule, LineageModule, DeploymentModule],
  providers: [
    AncestryLoader,
    ForeignOwnersLoader,
    ServingLoader,
    SubjectExposureLoader,
    ImpactDependencyLoader,
    ExposureService,
    ExposureDiffService,
    ImpactService,
    PortfolioService,
    CutOffService,
    ExposureChangeRepository,
    ExposureChangeService,
    ExposureChangeWorker,
    ...EXPOSURE_RESOLVERS,
  ],
  exports: [SubjectExposureLoader, ImpactService],
})
export class ExposureModule {}
