// Test support shared by unit and end-to-end tests. Nothing in production imports it (the
// boundary checker's no-test-support-in-production rule), and the build leaves it out of dist.
export { describeLineageGraphContract } from './lineage-graph.contract';
export type { LineageFixture } from './lineage-graph.contract';
export { parseCsv, parseCsvRecords } from './csv';
