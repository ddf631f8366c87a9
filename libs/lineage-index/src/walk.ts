import { Direction, EdgeRef, Subgraph, WalkColumns, WalkOptions } from '@pedigree/core';
import { Way } from './adjacency';
import { explore, Exploration, longerWalkExists } from './explore';
import { acceptTable, RELATIONS, RETRACTED } from './relation-codes';
import { GraphView } from './work-arrays';
import { sortDistinct } from './sort-distinct';

/** The walk types of every LineageGraph implementation, under this library's historical names. */
export type IndexWalkOptions = WalkOptions;
export type IndexSubgraph = Subgraph;
export type { WalkColumns };

export function wayOf(direction: Direction): Way {
  return direction === Direction.ANCESTORS ? Way.UP : Way.DOWN;
}

export function walk(g: GraphView, rootIds: readonly string[], direction: Direction, options: IndexWalkOptions): IndexSubgraph {
  const w = orderedWalk(g, rootIds, direction, options);
  const { ids, derived, source, flags } = g.edges;
  const { queue, pos, edgeSlots } = g.work;

  // Each node's id string is made once; `pos[v]` becomes its row, so edges reuse the same strings.
  const nodes: { id: string; depth: number }[] = [];
  for (const root of w.roots) {
    if (root.v >= 0) pos[root.v] = nodes.length;
    nodes.push({ id: String(root.id), depth: 0 });
  }
  for (let depth = 1; depth < w.x.levelEnds.length; depth++) {
    for (let q = w.x.levelEnds[depth - 1]; q < w.x.levelEnds[depth]; q++) {
      pos[queue[q]] = nodes.length;
      nodes.push({ id: String(g.nodes.ids[queue[q]]), depth });
    }
  }
  const edges: EdgeRef[] = new Array(w.x.edgeCount);
  for (let k = 0; k < w.x.edgeCount; k++) {
    const e = edgeSlots[k];
    edges[k] = {
      id: String(ids[e]),
      derivedId: nodes[pos[derived[e]]].id,
      sourceId: nodes[pos[source[e]]].id,
      relation: RELATIONS[flags[e] & ~RETRACTED],
    };
  }
  return { rootIds: [...rootIds], nodes, edges, truncated: w.truncated };
}

export function walkColumns(g: GraphView, rootIds: readonly string[], direction: Direction, options: IndexWalkOptions): WalkColumns {
  const w = orderedWalk(g, rootIds, direction, options);
  const { queue, edgeSlots, pos } = g.work;
  const size = w.x.size + w.x.unknownRoots.length;
  const nodeIds = new Float64Array(size);
  const depths = new Int32Array(size);
  // `pos` is free once the walk is ordered: reuse it as node -> output row for the edge columns.
  w.roots.forEach((root, i) => {
    nodeIds[i] = root.id;
    if (root.v >= 0) pos[root.v] = i;
  });
  for (let depth = 1, row = w.roots.length; depth < w.x.levelEnds.length; depth++) {
    for (let q = w.x.levelEnds[depth - 1]; q < w.x.levelEnds[depth]; q++, row++) {
      nodeIds[row] = g.nodes.ids[queue[q]];
      depths[row] = depth;
      pos[queue[q]] = row;
    }
  }
  const m = w.x.edgeCount;
  const [edgeIds, relations] = [new Float64Array(m), new Uint8Array(m)];
  const [derivedRows, sourceRows] = [new Int32Array(m), new Int32Array(m)];
  for (let k = 0; k < m; k++) {
    const e = edgeSlots[k];
    edgeIds[k] = g.edges.ids[e];
    derivedRows[k] = pos[g.edges.derived[e]];
    sourceRows[k] = pos[g.edges.source[e]];
    relations[k] = g.edges.flags[e] & ~RETRACTED;
  }
  return { nodeIds, depths, edgeIds, relations, derivedRows, sourceRows, truncated: w.truncated };
}

/**
 * Explores, decides truncation, then sorts in place what the output lists: each depth's run of the
 * queue by node id and the collected edge slots by edge id. Depth 0 comes back separately because
 * unknown roots, which have no dense index, sort in among the known ones.
 */
function orderedWalk(g: GraphView, rootIds: readonly string[], direction: Direction, options: IndexWalkOptions) {
  const accept = acceptTable(options.relations, options.includeRetracted);
  const x: Exploration = explore(g, rootIds, wayOf(direction), accept, options.maxDepth, true);
  const truncated = longerWalkExists(g, x, options.maxDepth);
  const { queue, edgeSlots } = g.work;

  const ids = g.nodes.ids;
  const roots = Array.from(queue.subarray(0, x.knownRoots), (v) => ({ id: ids[v], v }));
  for (const id of x.unknownRoots) roots.push({ id, v: -1 });
  roots.sort((a, b) => a.id - b.id);

  // Dense numbering is id order except between an out-of-order arrival and the next compaction.
  const bits = g.work.bitsFor(Math.max(g.nodes.count, g.edges.count));
  for (let depth = 1; depth < x.levelEnds.length; depth++) {
    const level = queue.subarray(x.levelEnds[depth - 1], x.levelEnds[depth]);
    if (g.nodes.sorted) sortDistinct(level, g.nodes.count, bits);
    else level.sort((a, b) => ids[a] - ids[b]);
  }
  const slots = edgeSlots.subarray(0, x.edgeCount);
  if (g.edges.sorted) sortDistinct(slots, g.edges.count, bits);
  else slots.sort((a, b) => g.edges.ids[a] - g.edges.ids[b]);
  return { x, truncated, roots };
}
