import { Way } from './adjacency';
import { parseId } from './ids';
import { GraphView } from './work-arrays';

/** The outcome of a breadth-first exploration; node and edge details stay in the shared work arrays. */
export interface Exploration {
  /** Known nodes reached, roots first, in `work.queue[0..size)`. */
  size: number;
  knownRoots: number;
  /** Root ids the index has never seen; a walk still reports them at depth 0, as the CTE does. */
  unknownRoots: number[];
  /** End (exclusive) of each depth's run in the queue: depth d is levelEnds[d-1]..levelEnds[d]. */
  levelEnds: number[];
  /** Edges collected into `work.edgeSlots/edgeTargets`; 0 unless collecting. */
  edgeCount: number;
  /** Some node at exactly maxDepth has an edge the walk would follow next. */
  frontierOpen: boolean;
}

/**
 * Breadth-first from the roots along edges whose flag byte `accept` admits, expanding nodes at depth
 * < maxDepth. Each node is expanded once, at its shortest depth, so every accepted edge leaving a
 * node above the bound is met exactly once: the same node and edge sets the CTE's UNION produces.
 * When `collect` is set, those edges are recorded per node, in queue order, for the truncation
 * check and the output.
 */
export function explore(g: GraphView, rootIds: readonly string[], way: Way, accept: Uint8Array, maxDepth: number, collect: boolean): Exploration {
  const s = g.work;
  s.begin(g.nodes.count);
  const { mark, queue, pos, edgeStart, epoch } = s;
  let size = 0;
  const unknownRoots: number[] = [];
  for (const rootId of rootIds) {
    const id = parseId(rootId);
    const v = g.nodes.indexOf(id);
    if (v < 0) {
      if (!unknownRoots.includes(id)) unknownRoots.push(id);
    } else if (mark[v] !== epoch) {
      mark[v] = epoch;
      pos[v] = size;
      queue[size++] = v;
    }
  }
  const knownRoots = size;

  const csr = g.csr[way];
  const { offsets, next, slot, flags } = csr;
  const sealedNodes = csr.nodeCount;
  const { head, link, base } = g.delta[way];
  const edgeFlags = g.edges.flags;
  const edgeTo = way === Way.UP ? g.edges.source : g.edges.derived;
  let slots = s.edgeSlots;
  let targets = s.edgeTargets;
  let edgeCount = 0;
  let frontierOpen = false;
  const levelEnds: number[] = [];
  let unexpanded = size;

  for (let start = 0, depth = 0; start < size; depth++) {
    const end = size;
    levelEnds.push(end);
    if (depth >= maxDepth) {
      if (depth === maxDepth) frontierOpen = hasAcceptedEdge(g, queue, start, end, way, accept);
      unexpanded = start;
      break;
    }
    for (let q = start; q < end; q++) {
      const v = queue[q];
      if (collect) edgeStart[q] = edgeCount;
      const rowEnd = v < sealedNodes ? offsets[v + 1] : 0;
      for (let p = v < sealedNodes ? offsets[v] : 0; p < rowEnd; p++) {
        if (accept[flags[p]] === 0) continue;
        const w = next[p];
        if (mark[w] !== epoch) {
          mark[w] = epoch;
          pos[w] = size;
          queue[size++] = w;
        }
        if (collect) {
          if (edgeCount === slots.length) {
            s.growEdges();
            slots = s.edgeSlots;
            targets = s.edgeTargets;
          }
          slots[edgeCount] = slot[p];
          targets[edgeCount++] = pos[w];
        }
      }
      for (let e = v < head.length ? head[v] : -1; e >= 0; e = link[e - base]) {
        if (accept[edgeFlags[e]] === 0) continue;
        const w = edgeTo[e];
        if (mark[w] !== epoch) {
          mark[w] = epoch;
          pos[w] = size;
          queue[size++] = w;
        }
        if (collect) {
          if (edgeCount === slots.length) {
            s.growEdges();
            slots = s.edgeSlots;
            targets = s.edgeTargets;
          }
          slots[edgeCount] = e;
          targets[edgeCount++] = pos[w];
        }
      }
    }
    start = end;
    unexpanded = size;
  }
  if (collect) edgeStart.fill(edgeCount, unexpanded, size + 1);
  return { size, knownRoots, unknownRoots, levelEnds, edgeCount, frontierOpen };
}

function hasAcceptedEdge(g: GraphView, queue: Int32Array, start: number, end: number, way: Way, accept: Uint8Array): boolean {
  const { offsets, flags, nodeCount } = g.csr[way];
  const { head, link, base } = g.delta[way];
  for (let q = start; q < end; q++) {
    const v = queue[q];
    if (v < nodeCount) for (let p = offsets[v]; p < offsets[v + 1]; p++) if (accept[flags[p]] !== 0) return true;
    for (let e = v < head.length ? head[v] : -1; e >= 0; e = link[e - base]) if (accept[g.edges.flags[e]] !== 0) return true;
  }
  return false;
}

/**
 * The CTE marks a walk truncated when some row sits at depth == maxDepth on a node with an accepted
 * edge onward. Its rows are walks, not shortest paths, so that also holds when a longer route reaches
 * the bound at a node a shorter route already expanded, and whenever a cycle is reachable. Both mean
 * a walk of maxDepth+1 edges exists. With the frontier closed, every such walk lies inside the
 * collected subgraph, so it exists iff that subgraph has a cycle or a path longer than maxDepth:
 * one topological pass (Kahn) over the collected edges, stopping early.
 */
export function longerWalkExists(g: GraphView, x: Exploration, maxDepth: number): boolean {
  if (x.frontierOpen) return true;
  if (x.edgeCount === 0) return false;
  const s = g.work;
  s.prepareLongest(x.size);
  const { inDegree, longest, order, edgeStart, edgeTargets } = s;
  inDegree.fill(0, 0, x.size);
  longest.fill(0, 0, x.size);
  for (let k = 0; k < x.edgeCount; k++) inDegree[edgeTargets[k]]++;
  let tail = 0;
  for (let q = 0; q < x.size; q++) if (inDegree[q] === 0) order[tail++] = q;
  for (let h = 0; h < tail; h++) {
    const q = order[h];
    const length = longest[q] + 1;
    for (let k = edgeStart[q]; k < edgeStart[q + 1]; k++) {
      const t = edgeTargets[k];
      if (length > longest[t]) {
        if (length > maxDepth) return true;
        longest[t] = length;
      }
      if (--inDegree[t] === 0) order[tail++] = t;
    }
  }
  return tail < x.size;
}
