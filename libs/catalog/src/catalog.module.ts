import { Module } from '@nestjs/common';
import { LineageModule } from '@pedigree/lineage';
import { CustomLicenseRepository } from './license/custom-license.repository';
import { CustomLicenseResolver } from './license/custom-license.resolver';
import { CustomLicenseService } from './license/custom-license.service';
import { CatalogLoaderFactory } from './catalog-loader.factory';
import { CheckpointRepository } from './checkpoint/checkpoint.repository';
import { CheckpointResolver, TrainingRunResolver } from './checkpoint/checkpoint.resolver';
import { CheckpointService } from './checkpoint/checkpoint.service';
import { CheckpointBatchService } from './checkpoint/checkpoint-batch.service';
import { DatasetRepository } from './dataset/dataset.repository';
import { DatasetResolver } from './dataset/dataset.resolver';
import { DatasetService } from './dataset/dataset.service';
import { ModelRepository } from './model/model.repository';
import { ModelResolver } from './model/model.resolver';
import { ModelService } from './model/model.service';
import { OrganizationRepository } from './organization/organization.repository';
import { OrganizationResolver } from './organization/organization.resolver';
import { OrganizationService } from './organization/organization.service';
import { NodeFactsRepository } from './facts/node-facts.repository';
import { FactHistoryRepository } from './history/fact-history.repository';
import { SubstituteFactsRepository } from './facts/substitute-facts.repository';
import { ComputeFactsRepository } from './facts/compute-facts.repository';
import { NodeOriginRepository } from './origin/node-origin.repository';
import { ModelTrainingRunResolver } from './training-run/model-training-run.resolver';
import { ModelTrainingRunService } from './training-run/model-training-run.service';
import { OwnershipBoundaryRefresher } from './ownership/ownership-boundary.refresher';
import { OwnershipRepository } from './ownership/ownership.repository';
import { EffectiveOwnerResolver, OrganizationOwnershipResolver, OwnershipResolver } from './ownership/ownership.resolver';
import { OwnershipService } from './ownership/ownership.service';
import { OwnershipWriter } from './ownership/ownership-writer.service';
import { SignatureRepository } from './signature/signature.repository';
import { CheckpointSignatureResolver, TrustedSignerResolver } from './signature/signature.resolver';
import { SignatureService } from './signature/signature.service';

export const CATALOG_RESOLVERS = [
  CustomLicenseResolver,
  OrganizationResolver,
  OrganizationOwnershipResolver,
  OwnershipResolver,
  EffectiveOwnerResolver,
  ModelResolver,
  DatasetResolver,
  CheckpointResolver,
  TrainingRunResolver,
  ModelTrainingRunResolver,
  CheckpointSignatureResolver,
  TrustedSignerResolver,
];

@Module({
  imports: [LineageModule],
  providers: [
    CustomLicenseRepository,
    CustomLicenseService,
    OrganizationRepository,
    OrganizationService,
    OwnershipRepository,
    OwnershipWriter,
    OwnershipService,
    OwnershipBoundaryRefresher,
    ModelRepository,
    ModelService,
    DatasetRepository,
    DatasetService,
    CheckpointRepository,
    CheckpointService,
    CheckpointBatchService,
    SignatureRepository,
    SignatureService,
    ModelTrainingRunService,
    NodeOriginRepository,
    NodeFactsRepository,
    FactHistoryRepository,
    SubstituteFactsRepository,
    ComputeFactsRepository,
    ...CATALOG_RESOLVERS,
    CatalogLoaderFactory,
  ],
  exports: [
    CustomLicenseService,
    OrganizationService,
    OwnershipService,
    ModelService,
    DatasetService,
    CheckpointService,
    SignatureService,
    ModelTrainingRunService,
    CatalogLoaderFactory,
    NodeFactsRepository,
    FactHistoryRepository,
    SubstituteFactsRepository,
    ComputeFactsRepository,
  ],
})
export class CatalogModule {}
