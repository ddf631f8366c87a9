import { EdgeRef } from '@pedigree/core';
import { EdgeTable } from './edge-table';
import { parseId, withRoom } from './ids';
import { LineageIndex } from './lineage-index';
import { NodeTable } from './node-table';
import { RELATIONS, relationCode } from './relation-codes';

/** One batch of edges as parallel columns, e.g. a page of `SELECT id, derived_id, source_id, relation`. */
export interface EdgeColumns {
  ids: ArrayLike<number | string>;
  derivedIds: ArrayLike<number | string>;
  sourceIds: ArrayLike<number | string>;
  /** Relation names, or their positions in the Relation enum. */
  relations: ArrayLike<number | string>;
}

/**
 * Bulk load for LineageIndex. Batches go straight into the typed columns (node ids are interned as
 * they arrive), so no object per edge survives a batch; `build` sorts and lays out the CSR once.
 * Pass expected sizes to avoid regrowing columns at millions of rows.
 */
export class LineageIndexBuilder {
  private readonly nodes = new NodeTable();
  private readonly edges = new EdgeTable();
  private retractions = new Float64Array(16);
  private retractionCount = 0;
  private built = false;

  constructor(expected: { nodes?: number; edges?: number } = {}) {
    if (expected.nodes) this.nodes.reserve(expected.nodes);
    if (expected.edges) this.edges.reserve(expected.edges);
  }

  /** Nodes that have no edges yet; endpoints of added edges need not be listed. */
  addNodes(ids: ArrayLike<number | string>): this {
    for (let i = 0; i < ids.length; i++) this.nodes.intern(parseId(ids[i]));
    return this;
  }

  addEdges(batch: EdgeColumns): this {
    const n = batch.ids.length;
    if (batch.derivedIds.length !== n || batch.sourceIds.length !== n || batch.relations.length !== n) {
      throw new RangeError('lineage-index: edge columns differ in length');
    }
    this.edges.reserve(this.edges.count + n);
    for (let i = 0; i < n; i++) {
      const relation = batch.relations[i];
      const code = typeof relation === 'number' && relation >= 0 && relation < RELATIONS.length ? relation : relationCode(String(relation));
      const derived = this.nodes.intern(parseId(batch.derivedIds[i]));
      const source = this.nodes.intern(parseId(batch.sourceIds[i]));
      this.edges.append(parseId(batch.ids[i]), derived, source, code, false);
    }
    return this;
  }

  addEdge(edge: EdgeRef): this {
    return this.addEdges({ ids: [edge.id], derivedIds: [edge.derivedId], sourceIds: [edge.sourceId], relations: [edge.relation] });
  }

  /** Retracted edge ids, in any order relative to the edges themselves. */
  addRetractions(edgeIds: ArrayLike<number | string>): this {
    this.retractions = withRoom(this.retractions, this.retractionCount + edgeIds.length);
    for (let i = 0; i < edgeIds.length; i++) this.retractions[this.retractionCount++] = parseId(edgeIds[i]);
    return this;
  }

  /** The index; the builder hands its columns over and cannot be used again. */
  build(): LineageIndex {
    if (this.built) throw new Error('lineage-index: build() was already called on this builder');
    this.built = true;
    return new LineageIndex({
      nodes: this.nodes,
      edges: this.edges,
      retractedEdgeIds: this.retractions.subarray(0, this.retractionCount),
    });
  }
}
