// Organizations, licenses, models, datasets, checkpoints, and the catalog facts other libraries read.
export { CATALOG_RESOLVERS, CatalogModule } from './catalog.module';
export type { CatalogContext, CatalogLoaders } from './catalog.loaders';
export { CatalogLoaderFactory } from './catalog-loader.factory';
export { OrganizationKind } from './organization/organization.record';
export { OrganizationService } from './organization/organization.service';
export { ModelAccess } from './model/model.record';
export { ModelService } from './model/model.service';
export { DatasetService } from './dataset/dataset.service';
export { CustomLicenseService } from './license/custom-license.service';
export { OrganizationType } from './organization/organization.graphql';
export { NodeFactsRepository } from './facts/node-facts.repository';
export { RegisterModelInput } from './model/model.graphql';
export { RegisterDatasetInput } from './dataset/dataset.graphql';
export { RegisterCheckpointInput } from './checkpoint/checkpoint.graphql';
export { RegisterOrganizationInput } from './organization/organization.graphql';
export { RegisterLicenseInput } from './license/custom-license.graphql';
export { CheckpointService } from './checkpoint/checkpoint.service';
