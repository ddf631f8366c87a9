import { Direction, EdgeRef } from '@pedigree/core';
import { Csr, DeltaLists, Way } from './adjacency';
import { reaches, shortestPathUp } from './ancestry';
import { EdgeTable } from './edge-table';
import { explore } from './explore';
import { parseId } from './ids';
import { NodeTable } from './node-table';
import { acceptTable, relationCode, RETRACTED } from './relation-codes';
import { GraphView, WorkArrays } from './work-arrays';
import { IndexSubgraph, IndexWalkOptions, walk, walkColumns, WalkColumns, wayOf } from './walk';

export interface LineageIndexStats {
  nodes: number;
  edges: number;
  retractedEdges: number;
  /** Edges added since the last compaction, walked through per-node lists beside the CSR. */
  deltaEdges: number;
  /** Bytes held in typed arrays, plus an estimate for the delta's id map. */
  bytes: number;
}

/** What a bulk load hands over; see LineageIndexBuilder. */
export interface LoadedTables {
  nodes: NodeTable;
  edges: EdgeTable;
  retractedEdgeIds: ArrayLike<number>;
}

// Compaction copies every edge (~100 ms per million), so it waits until the delta is worth it.
const COMPACT_AT_LEAST = 1_024;
const COMPACT_AT_MOST = 100_000;
const COMPACT_SHARE = 0.05;

/**
 * Lineage held in memory: the answers of the recursive-CTE LineageGraph, in microseconds for an
 * ancestry and milliseconds for a large impact walk. Queries are synchronous and share work
 * arrays; that is safe because JavaScript runs them one at a time.
 */
export class LineageIndex {
  private readonly nodes: NodeTable;
  private readonly edges: EdgeTable;
  /** Rebuilt by compaction; queries read it through `this.g`. */
  private readonly g: { -readonly [K in keyof GraphView]: GraphView[K] };
  /** Retractions that arrived before their edge; applied when it is added. */
  private readonly earlyRetractions = new Set<number>();

  /** Bulk loads go through LineageIndexBuilder; `new LineageIndex()` is an empty index. */
  constructor(tables?: LoadedTables) {
    this.nodes = tables?.nodes ?? new NodeTable();
    this.edges = tables?.edges ?? new EdgeTable();
    this.edges.seal(this.nodes.sortById());
    const retracted = tables?.retractedEdgeIds ?? [];
    for (let i = 0; i < retracted.length; i++) {
      const id = retracted[i];
      const e = this.edges.indexOf(id);
      if (e < 0) this.earlyRetractions.add(id);
      else this.edges.retract(e);
    }
    const [csr, delta] = this.adjacency();
    this.g = { nodes: this.nodes, edges: this.edges, work: new WorkArrays(), csr, delta };
  }

  walk(rootIds: readonly string[], direction: Direction, options: IndexWalkOptions): IndexSubgraph {
    return walk(this.g, rootIds, direction, options);
  }

  /** `walk` as typed arrays, without a string or object per node and edge: for aggregating big walks. */
  walkColumns(rootIds: readonly string[], direction: Direction, options: IndexWalkOptions): WalkColumns {
    return walkColumns(this.g, rootIds, direction, options);
  }

  /** How many nodes `walk` would return, without building them: for counts and metrics. */
  countReachable(rootIds: readonly string[], direction: Direction, options: IndexWalkOptions): number {
    const accept = acceptTable(options.relations, options.includeRetracted);
    const x = explore(this.g, rootIds, wayOf(direction), accept, options.maxDepth, false);
    return x.size + x.unknownRoots.length;
  }

  reaches(fromId: string, toId: string): boolean {
    return reaches(this.g, fromId, toId);
  }

  shortestPathUp(fromId: string, toId: string, maxDepth: number): EdgeRef[] | null {
    return shortestPathUp(this.g, fromId, toId, maxDepth);
  }

  hasNode(id: string): boolean {
    return this.nodes.indexOf(parseId(id)) >= 0;
  }

  /** Nodes without edges change no answer; registering them only keeps `stats().nodes` honest. */
  addNode(id: string): void {
    this.nodes.intern(parseId(id));
  }

  /** Adds an edge, visible to the next query; false when its id is already indexed. */
  addEdge(edge: EdgeRef): boolean {
    const id = parseId(edge.id);
    if (this.edges.indexOf(id) >= 0) return false;
    const code = relationCode(edge.relation);
    const derived = this.nodes.intern(parseId(edge.derivedId));
    const source = this.nodes.intern(parseId(edge.sourceId));
    const flags = this.earlyRetractions.delete(id) ? code | RETRACTED : code;
    const e = this.edges.append(id, derived, source, flags, true);
    this.g.delta[Way.UP].append(derived, e);
    this.g.delta[Way.DOWN].append(source, e);
    return true;
  }

  /**
   * Retracts an edge; true when that changed it. An unknown id is remembered and applied when the
   * edge arrives, so a change feed may deliver the two in either order.
   */
  retractEdge(edgeId: string): boolean {
    const id = parseId(edgeId);
    const e = this.edges.indexOf(id);
    if (e < 0) {
      this.earlyRetractions.add(id);
      return false;
    }
    if (!this.edges.retract(e)) return false;
    if (e < this.edges.base) {
      this.g.csr[Way.UP].updateFlags(this.edges.derived[e], e, this.edges.flags[e]);
      this.g.csr[Way.DOWN].updateFlags(this.edges.source[e], e, this.edges.flags[e]);
    }
    return true;
  }

  /** Whether the delta has grown enough that `compact()` pays for itself; the caller picks the moment. */
  needsCompaction(): boolean {
    const threshold = Math.min(COMPACT_AT_MOST, Math.max(COMPACT_AT_LEAST, this.edges.base * COMPACT_SHARE));
    return this.edges.deltaCount >= threshold;
  }

  /** Folds the delta into the CSR, renumbering nodes and edges into id order if arrivals broke it. O(nodes + edges). */
  compact(): void {
    if (this.edges.deltaCount === 0 && this.nodes.sorted && this.g.csr[0].nodeCount === this.nodes.count) return;
    this.edges.seal(this.nodes.sortById());
    [this.g.csr, this.g.delta] = this.adjacency();
  }

  stats(): LineageIndexStats {
    const parts = [this.nodes, this.edges, this.g.work, ...this.g.csr, ...this.g.delta];
    return {
      nodes: this.nodes.count,
      edges: this.edges.count,
      retractedEdges: this.edges.retracted,
      deltaEdges: this.edges.deltaCount,
      bytes: parts.reduce((sum, part) => sum + part.bytes(), this.earlyRetractions.size * 40),
    };
  }

  private adjacency(): [[Csr, Csr], [DeltaLists, DeltaLists]] {
    const { edges, nodes } = this;
    const capacity = nodes.ids.length;
    return [
      [new Csr(edges, nodes.count, Way.UP), new Csr(edges, nodes.count, Way.DOWN)],
      [new DeltaLists(edges.base, capacity), new DeltaLists(edges.base, capacity)],
    ];
  }
}
