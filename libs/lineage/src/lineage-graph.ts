import { Direction, EdgeRef, NodeKind, Relation } from '@pedigree/core';

export interface WalkOptions {
  maxDepth: number;
  /** Relations to follow; all when empty. */
  relations: readonly Relation[];
  includeRetracted: boolean;
}

export interface Subgraph {
  rootIds: string[];
  /** Every reached node with its shortest distance from the root (the root has depth 0). */
  nodes: { id: string; depth: number }[];
  edges: EdgeRef[];
  /** True when maxDepth stopped the walk before it ran out of edges. */
  truncated: boolean;
}

/**
 * The same walk as typed columns, for rollups over hundreds of thousands of nodes where an object
 * per node and edge would cost more than the walk itself.
 */
export interface WalkColumns {
  /** Ordered as Subgraph.nodes: by depth, then id. */
  nodeIds: Float64Array;
  depths: Int32Array;
  /** Ordered as Subgraph.edges: by id. */
  edgeIds: Float64Array;
  derivedIds: Float64Array;
  sourceIds: Float64Array;
  /** Positions in `Object.values(Relation)` (RELATION_BY_CODE). */
  relations: Uint8Array;
  /** Each edge's endpoints as rows of `nodeIds`. */
  derivedRows: Int32Array;
  sourceRows: Int32Array;
  truncated: boolean;
}

export interface NodeIdentity {
  id: string;
  kind: NodeKind;
  key: string;
}

/**
 * The one way anything walks lineage. Callers never write traversal SQL; a faster
 * implementation (an in-memory index) can replace the recursive-CTE one behind this interface.
 */
export interface LineageGraph {
  /** Everything reachable from any of the roots, in one round trip. */
  walk(rootIds: readonly string[], direction: Direction, options: WalkOptions): Promise<Subgraph>;
  /** `walk` as columns. */
  walkColumns(rootIds: readonly string[], direction: Direction, options: WalkOptions): Promise<WalkColumns>;
  /** Whether `toId` is an ancestor of `fromId` through active edges; visits each ancestor once. */
  reaches(fromId: string, toId: string): Promise<boolean>;
  /** Shortest chain of active edges leading from `fromId` up to its ancestor `toId`, or null. */
  shortestPathUp(fromId: string, toId: string, maxDepth: number): Promise<EdgeRef[] | null>;
}

export const LINEAGE_GRAPH = Symbol('LINEAGE_GRAPH');
export const MAX_WALK_DEPTH = 100;
