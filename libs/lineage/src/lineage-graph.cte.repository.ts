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
 * Recursive CTE per walk: one round trip whatever the ancestry size. UNION (not UNION ALL) over
 * (edge, node, depth) plus the depth bound guarantees termination even if corrupt data held a cycle.
 */
function walkSql(direction: Direction): string {
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
        AND ($4 OR NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id))
    )
    SELECT w.edge_id, w.node_id, w.depth, e.derived_id, e.source_id, e.relation,
      (w.depth = $2 AND EXISTS (
        SELECT 1 FROM lineage_edge x WHERE x.${from} = w.node_id
          AND (cardinality($3::lineage_relation[]) = 0 OR x.relation = ANY($3::lineage_relation[]))
          AND ($4 OR NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = x.id)))) AS frontier_open
    FROM walk w LEFT JOIN lineage_edge e ON e.id = w.edge_id`;
}

const SQL = { [Direction.ANCESTORS]: walkSql(Direction.ANCESTORS), [Direction.DESCENDANTS]: walkSql(Direction.DESCENDANTS) };

@Injectable()
export class CteLineageGraph implements LineageGraph {
  constructor(private readonly db: Db) {}

  async walk(rootIds: readonly string[], direction: Direction, options: WalkOptions): Promise<Subgraph> {
    const rows = await this.db.prepared<WalkRow>(SQL[direction], [rootIds, options.maxDepth, options.relations, options.includeRetracted]);
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

  async reaches(fromId: string, toId: string): Promise<boolean> {
    // UNION on the node alone: each ancestor is visited once, so this ends even on cyclic data,
    // and PostgreSQL stops pulling rows from the recursion as soon as the target appears.
    const row = await this.db.one<{ found: boolean }>(
      `WITH RECURSIVE up(node_id) AS (
         SELECT $1::bigint
         UNION
         SELECT e.source_id FROM up JOIN lineage_edge e ON e.derived_id = up.node_id
         WHERE NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id)
       )
       SELECT EXISTS (SELECT 1 FROM up WHERE node_id = $2::bigint) AS found`,
      [fromId, toId],
    );
    return row?.found ?? false;
  }

  async shortestPathUp(fromId: string, toId: string, maxDepth: number): Promise<EdgeRef[] | null> {
    const { edges } = await this.walk([fromId], Direction.ANCESTORS, { maxDepth, relations: [], includeRetracted: false });
    return shortestPathUp(edges, fromId, toId);
  }
}
