import { EdgeRef } from './edge-ref';

/** Breadth-first over an already-loaded edge set; first edge found wins, so results are stable per input order. */
export function shortestPathUp(edges: readonly EdgeRef[], fromId: string, toId: string): EdgeRef[] | null {
  if (fromId === toId) return [];
  const up = new Map<string, EdgeRef[]>();
  for (const e of edges) {
    const list = up.get(e.derivedId);
    if (list) list.push(e);
    else up.set(e.derivedId, [e]);
  }
  const via = new Map<string, EdgeRef | null>([[fromId, null]]);
  let frontier = [fromId];
  while (frontier.length) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const e of up.get(node) ?? []) {
        if (via.has(e.sourceId)) continue;
        via.set(e.sourceId, e);
        if (e.sourceId === toId) return unwind(via, toId);
        next.push(e.sourceId);
      }
    }
    frontier = next;
  }
  return null;
}

function unwind(via: Map<string, EdgeRef | null>, toId: string): EdgeRef[] {
  const path: EdgeRef[] = [];
  for (let e = via.get(toId); e; e = via.get(e.derivedId)) path.push(e);
  return path.reverse();
}

/** Keeps the minimum depth per node and each edge once. */
export function collapseWalk(rows: { edge: EdgeRef | null; nodeId: string; depth: number }[]): {
  nodes: { id: string; depth: number }[];
  edges: EdgeRef[];
} {
  const depth = new Map<string, number>();
  const edges = new Map<string, EdgeRef>();
  for (const row of rows) {
    const d = depth.get(row.nodeId);
    if (d === undefined || row.depth < d) depth.set(row.nodeId, row.depth);
    if (row.edge && !edges.has(row.edge.id)) edges.set(row.edge.id, row.edge);
  }
  const nodes = [...depth].map(([id, d]) => ({ id, depth: d })).sort((a, b) => a.depth - b.depth || Number(a.id) - Number(b.id));
  return { nodes, edges: [...edges.values()].sort((a, b) => Number(a.id) - Number(b.id)) };
}
