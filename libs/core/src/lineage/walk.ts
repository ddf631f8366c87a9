import { EdgeRef } from './edge-ref';
import { Relation } from './relation';

/** What a lineage walk follows; shared by every LineageGraph implementation. */
export interface WalkOptions {
  maxDepth: number;
  /** Relations to follow; all when empty. */
  relations: readonly Relation[];
  includeRetracted: boolean;
  /**
   * Recorded time: only edges recorded by then, and retractions recorded by then. Absent or null for
   * the present (the only time the in-memory index holds; it hands a past walk to the recursive CTE).
   */
  asOf?: Date | null;
}

export interface Subgraph {
  rootIds: string[];
  /** Every reached node with its shortest distance from the root (the root has depth 0), by depth then id. */
  nodes: { id: string; depth: number }[];
  /** By id. */
  edges: EdgeRef[];
  /** True when maxDepth stopped the walk before it ran out of edges. */
  truncated: boolean;
}

/**
 * The same walk as parallel typed arrays, for rollups over hundreds of thousands of nodes where
 * an object and two id strings per node and edge would cost more than the walk itself.
 */
export interface WalkColumns {
  /** Ordered as Subgraph.nodes. */
  nodeIds: Float64Array;
  depths: Int32Array;
  /** Ordered as Subgraph.edges. */
  edgeIds: Float64Array;
  /** Positions in `Object.values(Relation)`. */
  relations: Uint8Array;
  /** Each edge's endpoints as rows of `nodeIds` (their ids are `nodeIds[row]`), so rollups need no id lookup. */
  derivedRows: Int32Array;
  sourceRows: Int32Array;
  truncated: boolean;
}
