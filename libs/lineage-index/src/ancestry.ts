import { EdgeRef } from '@pedigree/core';
import { Way } from './adjacency';
import { parseId } from './ids';
import { RELATIONS, RETRACTED } from './relation-codes';
import { GraphView } from './work-arrays';

/** Whether `toId` is an ancestor of `fromId` through active edges; a node reaches itself, as in the CTE. */
export function reaches(g: GraphView, fromId: string, toId: string): boolean {
  const from = parseId(fromId);
  const to = parseId(toId);
  if (from === to) return true;
  const start = g.nodes.indexOf(from);
  const target = g.nodes.indexOf(to);
  if (start < 0 || target < 0) return false;
  const s = g.work;
  s.begin(g.nodes.count);
  const { mark, queue, epoch } = s;
  const { offsets, next, flags, nodeCount } = g.csr[Way.UP];
  const { head, link, base } = g.delta[Way.UP];
  const edges = g.edges;
  mark[start] = epoch;
  queue[0] = start;
  let size = 1;
  for (let q = 0; q < size; q++) {
    const v = queue[q];
    const rowEnd = v < nodeCount ? offsets[v + 1] : 0;
    for (let p = v < nodeCount ? offsets[v] : 0; p < rowEnd; p++) {
      if (flags[p] & RETRACTED) continue;
      const w = next[p];
      if (w === target) return true;
      if (mark[w] !== epoch) {
        mark[w] = epoch;
        queue[size++] = w;
      }
    }
    for (let e = v < head.length ? head[v] : -1; e >= 0; e = link[e - base]) {
      if (edges.flags[e] & RETRACTED) continue;
      const w = edges.source[e];
      if (w === target) return true;
      if (mark[w] !== epoch) {
        mark[w] = epoch;
        queue[size++] = w;
      }
    }
  }
  return false;
}

/**
 * Shortest chain of active edges from `fromId` up to `toId` within maxDepth, or null. Ties break
 * as core's shortestPathUp breaks them over the CTE walk's edges: breadth-first, each node's edges
 * in ascending edge id, first discovery wins.
 */
export function shortestPathUp(g: GraphView, fromId: string, toId: string, maxDepth: number): EdgeRef[] | null {
  const from = parseId(fromId);
  const to = parseId(toId);
  if (from === to) return [];
  const start = g.nodes.indexOf(from);
  const target = g.nodes.indexOf(to);
  if (start < 0 || target < 0) return null;
  const s = g.work;
  s.begin(g.nodes.count);
  const { mark, queue, pos: via, epoch } = s;
  const row: number[] = [];
  mark[start] = epoch;
  queue[0] = start;
  let size = 1;
  for (let begin = 0, depth = 0; begin < size && depth < maxDepth; depth++) {
    const end = size;
    for (let q = begin; q < end; q++) {
      activeEdgesUp(g, queue[q], row);
      for (const e of row) {
        const w = g.edges.source[e];
        if (mark[w] === epoch) continue;
        mark[w] = epoch;
        via[w] = e;
        if (w === target) return unwind(g, via, start, target);
        queue[size++] = w;
      }
    }
    begin = end;
  }
  return null;
}

/** The active edges leaving v upwards, into `row`, in ascending edge id. */
function activeEdgesUp(g: GraphView, v: number, row: number[]): void {
  const { offsets, slot, flags, nodeCount } = g.csr[Way.UP];
  const { head, link, base } = g.delta[Way.UP];
  row.length = 0;
  if (v < nodeCount) for (let p = offsets[v]; p < offsets[v + 1]; p++) if (!(flags[p] & RETRACTED)) row.push(slot[p]);
  const sealed = row.length;
  for (let e = v < head.length ? head[v] : -1; e >= 0; e = link[e - base]) if (!(g.edges.flags[e] & RETRACTED)) row.push(e);
  // Sealed rows are in id order, and so is the delta while ids arrive ascending; only otherwise sort.
  if (row.length > sealed && !g.edges.sorted) row.sort((a, b) => g.edges.ids[a] - g.edges.ids[b]);
}

function unwind(g: GraphView, via: Int32Array, start: number, target: number): EdgeRef[] {
  const path: EdgeRef[] = [];
  for (let v = target; v !== start; v = g.edges.derived[via[v]]) path.push(edgeRef(g, via[v]));
  return path.reverse();
}

export function edgeRef(g: GraphView, e: number): EdgeRef {
  const { ids, derived, source, flags } = g.edges;
  return {
    id: String(ids[e]),
    derivedId: String(g.nodes.ids[derived[e]]),
    sourceId: String(g.nodes.ids[source[e]]),
    relation: RELATIONS[flags[e] & ~RETRACTED],
  };
}
