// The catalog's tables, without Nest: the data source lists them (libs/database/src/entities.ts).
import { CheckpointEntity } from './checkpoint/checkpoint.entity';
import { TrainingRunEntity } from './checkpoint/training-run.entity';
import { DatasetEntity } from './dataset/dataset.entity';
import { DatasetVersionEntity, ModelVersionEntity, OrganizationVersionEntity } from './history/fact-version.entity';
import { CustomLicenseEntity } from './license/custom-license.entity';
import { ModelEntity } from './model/model.entity';
import { OrganizationAliasEntity } from './organization/organization-alias.entity';
import { OrganizationRootRefreshEntity } from './organization/organization-root-refresh.entity';
import { OrganizationRootEntity } from './organization/organization-root.entity';
import { OrganizationEntity } from './organization/organization.entity';
import { OwnershipRetractionEntity } from './ownership/ownership-retraction.entity';
import { OwnershipStakeEntity } from './ownership/ownership-stake.entity';
import { CheckpointSignatureEntity, TrustedSignerEntity, TrustedSignerRemovalEntity } from './signature/signature.entity';

export {
  CheckpointEntity,
  CheckpointSignatureEntity,
  TrustedSignerEntity,
  TrustedSignerRemovalEntity,
  CustomLicenseEntity,
  DatasetEntity,
  DatasetVersionEntity,
  ModelEntity,
  ModelVersionEntity,
  OrganizationAliasEntity,
  OrganizationEntity,
  OrganizationVersionEntity,
  OrganizationRootEntity,
  OrganizationRootRefreshEntity,
  OwnershipRetractionEntity,
  OwnershipStakeEntity,
  TrainingRunEntity,
};
export const CATALOG_ENTITIES = [
  OrganizationEntity,
  OrganizationAliasEntity,
  OrganizationRootEntity,
  OrganizationRootRefreshEntity,
  OwnershipStakeEntity,
  OwnershipRetractionEntity,
  CustomLicenseEntity,
  ModelEntity,
  DatasetEntity,
  CheckpointEntity,
  TrainingRunEntity,
  TrustedSignerEntity,
  TrustedSignerRemovalEntity,
  CheckpointSignatureEntity,
  OrganizationVersionEntity,
  ModelVersionEntity,
  DatasetVersionEntity,
];
