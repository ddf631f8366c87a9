// A layered layout in linear time per sweep, for graphs too large for dagre: dagre's network-simplex
// ranking and crossing minimisation took 4.9 s for 2,043 nodes in the bench, more than the whole
// 2 s budget. Lineage views are wide, shallow fan-outs, where longest-path layers and a few
// barycentre sweeps read as well. Pure, so it is unit-tested without a browser.

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export interface LayoutSpacing {
  /** Between neighbours in one layer. */
  nodesep: number;
  /** Between layers. */
  ranksep: number;
  margin: number;
}

const DEFAULT_SPACING: LayoutSpacing = { nodesep: 24, ranksep: 70, margin: 20 };
/** Barycentre sweeps (down and up count as one each); the order settles after a few. */
const SWEEPS = 4;

/** Centre positions, sources above what derives from them (as dagre's `rankdir: TB`). */
export function layeredLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  spacing: LayoutSpacing = DEFAULT_SPACING,
): Record<string, { x: number; y: number }> {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const parents: number[][] = nodes.map(() => []);
  const children: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    children[s].push(t);
    parents[t].push(s);
  }
  const rank = longestPathRanks(nodes.length, parents, children);
  const layers = initialOrder(nodes.length, rank, children);
  const position = new Float64Array(nodes.length);
  const renumber = () => layers.forEach((layer) => layer.forEach((n, i) => (position[n] = i)));
  renumber();
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const layer of order) {
      reorderByBarycentre(layer, down ? parents : children, position);
      layer.forEach((n, i) => (position[n] = i));
    }
  }
  const x = placeHorizontally(nodes, layers, parents, children, spacing.nodesep);
  const out: Record<string, { x: number; y: number }> = {};
  let top = spacing.margin;
  const left = nodes.reduce((min, n, i) => Math.min(min, x[i] - n.width / 2), 0);
  for (const layer of layers) {
    const height = layer.reduce((max, n) => Math.max(max, nodes[n].height), 0);
    for (const n of layer) out[nodes[n].id] = { x: x[n] - left + spacing.margin, y: top + height / 2 };
    top += height + spacing.ranksep;
  }
  return out;
}

/**
 * Each node one layer below its lowest parent. Kahn's order; nodes on a cycle (the registry refuses
 * cycles, but a view merges walks) are ranked after their other parents, as if the closing edge
 * pointed up.
 */
function longestPathRanks(count: number, parents: number[][], children: number[][]): Int32Array {
  const rank = new Int32Array(count);
  const waiting = Int32Array.from(parents, (p) => p.length);
  const placed = new Uint8Array(count);
  const queue: number[] = [];
  let head = 0;
  for (let n = 0; n < count; n++) if (!waiting[n]) queue.push(n);
  for (let done = 0; done < count;) {
    if (head === queue.length) {
      // Only cycles are left: release the first unplaced node.
      const n = placed.findIndex((p) => !p);
      rank[n] = Math.max(0, ...parents[n].filter((p) => placed[p]).map((p) => rank[p] + 1));
      queue.push(n);
      waiting[n] = 0;
    }
    const n = queue[head++];
    if (placed[n]) continue;
    placed[n] = 1;
    done++;
    for (const c of children[n]) {
      if (placed[c]) continue;
      rank[c] = Math.max(rank[c], rank[n] + 1);
      if (--waiting[c] === 0) queue.push(c);
    }
  }
  return rank;
}

/** Layers in depth-first order from the sources, so a subtree starts out side by side. */
function initialOrder(count: number, rank: Int32Array, children: number[][]): number[][] {
  const layers: number[][] = Array.from({ length: rank.reduce((max, r) => Math.max(max, r), 0) + 1 }, () => []);
  const seen = new Uint8Array(count);
  const visit = (start: number) => {
    const stack = [start];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen[n]) continue;
      seen[n] = 1;
      layers[rank[n]].push(n);
      for (let i = children[n].length - 1; i >= 0; i--) if (!seen[children[n][i]]) stack.push(children[n][i]);
    }
  };
  for (let n = 0; n < count; n++) if (rank[n] === 0) visit(n);
  for (let n = 0; n < count; n++) visit(n);
  return layers;
}

/** Stable: a node without neighbours on the other side keeps its place. */
function reorderByBarycentre(layer: number[], neighbours: number[][], position: Float64Array): void {
  const key = new Map<number, number>();
  for (const [i, n] of layer.entries()) {
    const ns = neighbours[n];
    key.set(n, ns.length ? ns.reduce((sum, m) => sum + position[m], 0) / ns.length : i);
  }
  const original = new Map(layer.map((n, i) => [n, i]));
  layer.sort((a, b) => key.get(a)! - key.get(b)! || original.get(a)! - original.get(b)!);
}

/**
 * Left to right in each layer's order, each node pulled towards the middle of its neighbours and
 * pushed right only as far as its left neighbour needs; two passes (parents, then children).
 */
function placeHorizontally(nodes: readonly LayoutNode[], layers: number[][], parents: number[][], children: number[][], gap: number): Float64Array {
  const x = new Float64Array(nodes.length);
  for (const layer of layers) {
    let cursor = 0;
    for (const n of layer) {
      x[n] = cursor + nodes[n].width / 2;
      cursor += nodes[n].width + gap;
    }
  }
  const pass = (ordered: number[][], towards: number[][]) => {
    for (const layer of ordered) {
      const wanted = layer.map((n) => (towards[n].length ? towards[n].reduce((s, m) => s + x[m], 0) / towards[n].length : x[n]));
      // Packed as close to the wanted places as the order allows, then centred on them.
      let prevRight = -Infinity;
      for (const [i, n] of layer.entries()) {
        x[n] = Math.max(wanted[i], prevRight + gap + nodes[n].width / 2);
        prevRight = x[n] + nodes[n].width / 2;
      }
      const shift = (wanted.reduce((s, w) => s + w, 0) - layer.reduce((s, n) => s + x[n], 0)) / Math.max(1, layer.length);
      for (const n of layer) x[n] += shift;
    }
  };
  pass(layers.slice(1), parents);
  pass(layers.slice(0, -1).reverse(), children);
  return x;
}
