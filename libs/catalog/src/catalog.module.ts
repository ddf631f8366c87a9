import { Module } from '@nestjs/common';
import { LicensingModule } from '@pedigree/licensing';
import { LineageModule } from '@pedigree/lineage';
import { CatalogLoaderFactory } from './catalog-loader.factory';
import { CheckpointRepository } from './checkpoint/checkpoint.repository';
import { CheckpointResolver, TrainingRunResolver } from './checkpoint/checkpoint.resolver';
import { CheckpointService } from './checkpoint/checkpoint.service';
import { DatasetRepository } from './dataset/dataset.repository';
import { DatasetResolver } from './dataset/dataset.resolver';
import { DatasetService } from './dataset/dataset.service';
import { ModelRepository } from './model/model.repository';
import { ModelResolver } from './model/model.resolver';
import { ModelService } from './model/model.service';
import { OrganizationRepository } from './organization/organization.repository';
import { OrganizationResolver } from './organization/organization.resolver';
import { OrganizationService } from './organization/organization.service';

export const CATALOG_RESOLVERS = [OrganizationResolver, ModelResolver, DatasetResolver, CheckpointResolver, TrainingRunResolver];

@Module({
  imports: [LineageModule, LicensingModule],
  providers: [
    OrganizationRepository, OrganizationService,
    ModelRepository, ModelService,
    DatasetRepository, DatasetService,
    CheckpointRepository, CheckpointService,
    ...CATALOG_RESOLVERS,
    CatalogLoaderFactory,
  ],
  exports: [OrganizationService, ModelService, DatasetService, CheckpointService, CatalogLoaderFactory],
})
export class CatalogModule {}
