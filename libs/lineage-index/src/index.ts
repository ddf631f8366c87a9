export { LineageIndex } from './lineage-index';
export type { LineageIndexStats } from './lineage-index';
export { LineageIndexBuilder } from './lineage-index.builder';
export type { EdgeColumns } from './lineage-index.builder';
export type { IndexSubgraph, IndexWalkOptions, WalkColumns } from './walk';
export { relationCode, RELATIONS as RELATION_BY_CODE } from './relation-codes';
