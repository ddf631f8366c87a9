// Moved to libs/testing (import from '@pedigree/testing'); kept so branches written against the old path still merge.
export { ADMIN_TOKEN, startRegistry, waitForReady } from '@pedigree/testing';
export type { GqlResponse, RegistryProcess } from '@pedigree/testing';
