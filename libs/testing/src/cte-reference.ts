import { collapseWalk, Direction, EdgeRef, shortestPathUp, Subgraph, WalkOptions } from '@pedigree/core';

/**
 * A test oracle that replays the recursive CTE literally: rows are (edge, node, depth) with UNION
 * semantics, expanded while depth < maxDepth, then collapsed by core's collapseWalk; `truncated` is
 * the CTE's frontier_open over every row. Exponentially naive in spirit, but rows are bounded by
 * edges x (maxDepth + 1), which is small for the graphs tests generate.
 */
export class CteReference {
  private readonly retracted: Set<string>;

  constructor(
    private readonly edges: readonly EdgeRef[],
    retractedEdgeIds: Iterable<string>,
  ) {
    this.retracted = new Set(retractedEdgeIds);
  }

  walk(rootIds: readonly string[], direction: Direction, options: WalkOptions): Subgraph {
    const up = direction === Direction.ANCESTORS;
    const from = (e: EdgeRef) => (up ? e.derivedId : e.sourceId);
    const to = (e: EdgeRef) => (up ? e.sourceId : e.derivedId);
    const follows = (e: EdgeRef) =>
      (options.relations.length === 0 || options.relations.includes(e.relation)) && (options.includeRetracted || !this.retracted.has(e.id));
    const leaving = (node: string) => this.edges.filter((e) => from(e) === node && follows(e));

    const rows: { edge: EdgeRef | null; nodeId: string; depth: number }[] = [];
    const seen = new Set<string>();
    const add = (edge: EdgeRef | null, nodeId: string, depth: number) => {
      const key = `${edge?.id}|${nodeId}|${depth}`;
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({ edge, nodeId, depth });
    };
    for (const r of rootIds) add(null, String(BigInt(r)), 0);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.depth < options.maxDepth) for (const e of leaving(row.nodeId)) add(e, to(e), row.depth + 1);
    }
    const truncated = rows.some((r) => r.depth === options.maxDepth && leaving(r.nodeId).length > 0);
    return { rootIds: [...rootIds], ...collapseWalk(rows), truncated };
  }

  reaches(fromId: string, toId: string): boolean {
    const up = new Set([fromId]);
    for (const node of up) {
      for (const e of this.edges) if (e.derivedId === node && !this.retracted.has(e.id)) up.add(e.sourceId);
    }
    return up.has(toId);
  }

  shortestPathUp(fromId: string, toId: string, maxDepth: number): EdgeRef[] | null {
    const { edges } = this.walk([fromId], Direction.ANCESTORS, { maxDepth, relations: [], includeRetracted: false });
    return shortestPathUp(edges, fromId, toId);
  }
}
