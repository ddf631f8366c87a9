// Support for the service tier (test/service/*.service-spec.ts): real Nest modules in-process on a
// fresh PostgreSQL database. A separate entry (@pedigree/testing/service) because it loads Nest,
// and @pedigree/testing stays loadable by unit tests without it.
export { startServiceTier } from './service-module';
export type { ServiceTier } from './service-module';
export { assertTestDatabaseName, createTestDatabase, SERVICE_TEST_DATABASE_PREFIX } from './test-database';
export type { TestDatabase } from './test-database';
export { EVIDENCE, newModel, newOrganization, uniqueName } from './factories';
