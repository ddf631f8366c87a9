// Moved to libs/testing (import from '@pedigree/testing'); kept so branches written against the old path still merge.
export { runCli } from '@pedigree/testing';
export type { CliRun } from '@pedigree/testing';
