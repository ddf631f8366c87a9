// Moved to libs/testing (import from '@pedigree/testing'); kept so branches written against the old path still merge.
export { EVIDENCE, newDigest, uniqueName, newOrganization, newModel, assertEdge, tableCounts } from '@pedigree/testing';
