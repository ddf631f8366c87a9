import { EdgeRef } from '@pedigree/core';

export type CommittedEdge = EdgeRef;

/**
 * Told about every lineage write once its transaction has committed, in the request that made it,
 * so the in-memory index answers the writer's next query with its own write.
 */
export interface LineageChangeSink {
  edgesCommitted(edges: readonly CommittedEdge[]): void;
  retractionCommitted(edgeId: string): void;
}

export const LINEAGE_CHANGE_SINK = Symbol('LINEAGE_CHANGE_SINK');

/** With the recursive-CTE graph every query reads PostgreSQL, so there is nothing to update. */
export const NO_CHANGE_SINK: LineageChangeSink = { edgesCommitted: () => undefined, retractionCommitted: () => undefined };
