import { Relation } from '@pedigree/core';

export interface CommittedEdge {
  id: string;
  derivedId: string;
  sourceId: string;
  relation: Relation;
  tx: bigint;
}

/**
 * Told about every lineage write once its transaction has committed, in the request that made it,
 * so the in-memory index answers the writer's next query with its own write.
 */
export interface LineageChangeSink {
  edgesCommitted(edges: readonly CommittedEdge[]): void;
  retractionCommitted(edgeId: string, tx: bigint): void;
}

export const LINEAGE_CHANGE_SINK = Symbol('LINEAGE_CHANGE_SINK');

/** With the recursive-CTE graph every query reads PostgreSQL, so there is nothing to update. */
export const NO_CHANGE_SINK: LineageChangeSink = { edgesCommitted: () => undefined, retractionCommitted: () => undefined };
