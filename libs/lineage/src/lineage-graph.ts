import { Direction, EdgeRef, NodeKind, Subgraph, WalkColumns, WalkOptions } from '@pedigree/core';

export type { Subgraph, WalkColumns, WalkOptions } from '@pedigree/core';

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
  /** Whether `toId` is an ancestor of `fromId` through active edges (at `asOf`, see WalkOptions); visits each ancestor once. */
  reaches(fromId: string, toId: string, asOf?: Date | null): Promise<boolean>;
  /** Shortest chain of active edges (at `asOf`, see WalkOptions) leading from `fromId` up to its ancestor `toId`, or null. */
  shortestPathUp(fromId: string, toId: string, maxDepth: number, asOf?: Date | null): Promise<EdgeRef[] | null>;
}

export const LINEAGE_GRAPH = Symbol('LINEAGE_GRAPH');
/**
 * The graph as the caller's transaction sees it, uncommitted edges included (recursive CTEs): for
 * checks that must judge a write before it commits, e.g. policy gates. Slower than LINEAGE_GRAPH.
 */
export const TRANSACTION_LINEAGE_GRAPH = Symbol('TRANSACTION_LINEAGE_GRAPH');
export const MAX_WALK_DEPTH = 100;
/** Nodes per `lineage` page: a descendants walk of a popular base reaches hundreds of thousands. */
export const LINEAGE_PAGE = { default: 500, max: 2000 } as const;
