export * from './lineage-document';
export * from './import-plan';
export * from './hf-card';
export * from './cyclonedx';
export * from './ecosystem-graphs';
export * from './spdx';
export * from './document-plan';
