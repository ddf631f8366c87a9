import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { LineageGraph, Subgraph, WalkColumns, WalkOptions } from './lineage-graph';
import { relationCode } from '@pedigree/lineage-index';
import { EdgeRef, Direction, Relation, collapseWalk, shortestPathUp } from '@pedigree/core';

interface WalkRow {
  edge_id: string | null;
  node_id: string;
  depth: number;
  derived_id: string | null;
  source_id: string | null;
  relation: Relation | null;
  frontier_open: boolean;
}

/**
 * The edge conditions of a walk: retracted edges skipped unless asked ($4), and for a past moment
 * ($5) only edges recorded by then, and only retractions recorded by then. The present keeps its
 * own statement text, so its plan and cost do not change.
 */
function activeAt(e: string, past: boolean): string {
  if (!past) return `($4 OR NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = ${e}.id))`;
  return `${e}.recorded_at < $5::timestamptz + interval '1 millisecond' AND ($4 OR NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = ${e}.id AND r.recorded_at < $5::timestamptz + interval '1 millisecond'))`;
}

/**
 * Recursive CTE per walk: one round trip whatever the ancestry size. UNION (not UNION ALL) over
 * (edge, node, depth) plus the depth bound guarantees termination even if corrupt data held a cycle.
 */
function walkSql(direction: Direction, past: boolean): string {
  const [from, to] = direction === Direction.ANCESTORS ? ['derived_id', 'source_id'] : ['source_id', 'derived_id'];
  return `
    WITH RECURSIVE walk(edge_id, node_id, depth) AS (
      SELECT NULL::bigint, r, 0 FROM unnest($1::bigint[]) AS r
      UNION
      SELECT e.id, e.${to}, w.depth + 1
      FROM walk w
      JOIN lineage_edge e ON e.${from} = w.node_id
      WHERE w.depth < $2
        AND (cardinality($3::lineage_relation[]) = 0 OR e.relation = ANY($3::lineage_relation[]))
        AND ${activeAt('e', past)}
    )
    SELECT w.edge_id, w.node_id, w.depth, e.derived_id, e.source_id, e.relation,
      (w.depth = $2 AND EXISTS (
        SELECT 1 FROM lineage_edge x WHERE x.${from} = w.node_id
          AND (cardinality($3::lineage_relation[]) = 0 OR x.relation = ANY($3::lineage_relation[]))
          AND ${activeAt('x', past)})) AS frontier_open
    FROM walk w LEFT JOIN lineage_edge e ON e.id = w.edge_id`;
}

const SQL = {
  present: { [Direction.ANCESTORS]: walkSql(Direction.ANCESTORS, false), [Direction.DESCENDANTS]: walkSql(Direction.DESCENDANTS, false) },
  past: { [Direction.ANCESTORS]: walkSql(Direction.ANCESTORS, true), [Direction.DESCENDANTS]: walkSql(Direction.DESCENDANTS, true) },
};

@Injectable()
export class CteLineageGraph implements LineageGraph {
  constructor(private readonly db: Db) {}

  async walk(rootIds: readonly string[], direction: Direction, options: WalkOptions): Promise<Subgraph> {
    const params = [rootIds, options.maxDepth, options.relations, options.includeRetracted];
    const rows = await this.db.prepared<WalkRow>(
      options.asOf ? SQL.past[direction] : SQL.present[direction],
      options.asOf ? [...params, options.asOf] : params,
    );
    const { nodes, edges } = collapseWalk(
      rows.map((r) => ({
        nodeId: String(r.node_id),
        depth: r.depth,
        edge: r.edge_id ? { id: String(r.edge_id), derivedId: String(r.derived_id), sourceId: String(r.source_id), relation: r.relation as Relation } : null,
      })),
    );
    return { rootIds: [...rootIds], nodes, edges, truncated: rows.some((r) => r.frontier_open) };
  }

  async walkColumns(rootIds: readonly string[], direction: Direction, options: WalkOptions): Promise<WalkColumns> {
    const { nodes, edges, truncated } = await this.walk(rootIds, direction, options);
    const row = new Map(nodes.map((n, i) => [n.id, i]));
    return {
      derivedRows: Int32Array.from(edges, (e) => row.get(e.derivedId)!),
      sourceRows: Int32Array.from(edges, (e) => row.get(e.sourceId)!),
      nodeIds: Float64Array.from(nodes, (n) => Number(n.id)),
      depths: Int32Array.from(nodes, (n) => n.depth),
      edgeIds: Float64Array.from(edges, (e) => Number(e.id)),
      relations: Uint8Array.from(edges, (e) => relationCode(e.relation)),
      truncated,
    };
  }

  async reaches(fromId: string, toId: string, asOf?: Date | null): Promise<boolean> {
    // UNION on the node alone: each ancestor is visited once, so this ends even on cyclic data,
    // and PostgreSQL stops pulling rows from the recursion as soon as the target appears.
    const row = await this.db.one<{ found: boolean }>(
      `WITH RECURSIVE up(node_id) AS (
         SELECT $1::bigint
         UNION
         SELECT e.source_id FROM up JOIN lineage_edge e ON e.derived_id = up.node_id
         WHERE ${asOf ? `e.recorded_at < $3::timestamptz + interval '1 millisecond' AND ` : ''}NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id${asOf ? ` AND r.recorded_at < $3::timestamptz + interval '1 millisecond'` : ''})
       )
       SELECT EXISTS (SELECT 1 FROM up WHERE node_id = $2::bigint) AS found`,
      asOf ? [fromId, toId, asOf] : [fromId, toId],
    );
    return row?.found ?? false;
  }

  async shortestPathUp(fromId: string, toId: string, maxDepth: number, asOf?: Date | null): Promise<EdgeRef[] | null> {
    const { edges } = await this.walk([fromId], Direction.ANCESTORS, { maxDepth, relations: [], includeRetracted: false, asOf });
    return shortestPathUp(edges, fromId, toId);
  }
}
