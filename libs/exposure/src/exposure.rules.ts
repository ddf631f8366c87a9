// The pure exposure kernel for other libs (policies evaluate conditions over its answers): no Nest, no SQL.
export { breadthFirst, pathTo, upEdges } from './rules/ancestry-graph';
export type { AncestryGraph, ExposureNode, OrgRef, Reach } from './rules/ancestry-graph';
export { entryStates, ExposureKind, kindsOf } from './rules/exposure-kind';
export type { EntryState } from './rules/exposure-kind';
export { rollUpExposure } from './rules/exposure.rollup';
export type { ExposureExtras, ExposureReport } from './rules/exposure.rollup';
export type { DependencyFacts, ExplainedDependency } from './rules/dependencies';
export { explain } from './rules/explanation-text';
