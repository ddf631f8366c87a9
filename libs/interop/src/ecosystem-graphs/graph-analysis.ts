/**
 * Graph questions the planner must answer before anything is written: which cycles the file holds,
 * which edge the registry will refuse given the emission order, and how deep the ancestry goes.
 * Nodes are plain ids; edges point from the derived node to its source, as lineage edges do.
 */
export interface DirectedEdge {
  derived: string;
  source: string;
}

export type Adjacency = Map<string, string[]>;

/** Sources of each node, sorted, so every walk below is deterministic. */
export function adjacency(edges: readonly DirectedEdge[]): Adjacency {
  const adj: Adjacency = new Map();
  for (const e of edges) {
    const list = adj.get(e.derived) ?? [];
    if (!list.includes(e.source)) list.push(e.source);
    adj.set(e.derived, list);
  }
  for (const list of adj.values()) list.sort();
  return adj;
}

/** Tarjan's algorithm, iterative. Returns only components that hold a cycle (size > 1, or a self-loop). */
export function cyclicComponents(adj: Adjacency): string[][] {
  const nodes = [...new Set([...adj.keys(), ...[...adj.values()].flat()])].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; child: number }[] = [{ node: root, child: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const children = adj.get(frame.node) ?? [];
      if (frame.child < children.length) {
        const w = children[frame.child++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, child: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== frame.node);
      if (component.length > 1 || (adj.get(frame.node) ?? []).includes(frame.node)) components.push(component.sort());
    }
  }
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * Every elementary cycle, as a closed path `[a, b, …, a]` starting at its smallest node. Searched
 * only inside cyclic components, which are small in practice; `limit` bounds a pathological file.
 */
export function elementaryCycles(adj: Adjacency, limit = 1000): string[][] {
  const cycles: string[][] = [];
  for (const component of cyclicComponents(adj)) {
    const members = new Set(component);
    for (const start of component) {
      const walk = (node: string, path: string[]): void => {
        for (const next of adj.get(node) ?? []) {
          if (cycles.length >= limit || !members.has(next)) continue;
          if (next === start) cycles.push([...path, start]);
          else if (next > start && !path.includes(next)) walk(next, [...path, next]);
        }
      };
      walk(start, [start]);
    }
  }
  return cycles;
}

/** A path of accepted edges from `from` down to `to`, or null. */
function pathDown(adj: Adjacency, from: string, to: string): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift()!;
    if (node === to) {
      const path = [node];
      for (let p = parent.get(node); p; p = parent.get(p)) path.unshift(p);
      return path;
    }
    for (const next of adj.get(node) ?? []) {
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

export interface Rejection {
  /** Position of the refused edge in the emission order. */
  position: number;
  edge: DirectedEdge;
  /** The loop it would close: `[derived, source, …, derived]`. */
  path: string[];
}

/**
 * Replays the registry's rule on an empty registry: an edge is refused when its source already
 * derives from its derived node (or is that node). Refused edges are not added, as on the server.
 */
export function replayCycleChecks(edges: readonly DirectedEdge[]): { rejected: Rejection[]; accepted: DirectedEdge[] } {
  const adj: Adjacency = new Map();
  const rejected: Rejection[] = [];
  const accepted: DirectedEdge[] = [];
  edges.forEach((edge, position) => {
    const back = edge.derived === edge.source ? [edge.source] : pathDown(adj, edge.source, edge.derived);
    if (back) {
      rejected.push({ position, edge, path: [edge.derived, ...back] });
      return;
    }
    adj.set(edge.derived, [...(adj.get(edge.derived) ?? []), edge.source].sort());
    accepted.push(edge);
  });
  return { rejected, accepted };
}

/** The longest ancestry chains of an acyclic graph: their length in edges and one path per start node. */
export function longestChains(adj: Adjacency): { edges: number; paths: string[][] } {
  const memo = new Map<string, string[]>();
  const chain = (node: string): string[] => {
    const known = memo.get(node);
    if (known) return known;
    let best: string[] = [node];
    for (const next of adj.get(node) ?? []) {
      const below = chain(next);
      if (below.length + 1 > best.length) best = [node, ...below];
    }
    memo.set(node, best);
    return best;
  };
  const all = [...adj.keys()].sort().map(chain);
  const edges = Math.max(0, ...all.map((p) => p.length - 1));
  return { edges, paths: all.filter((p) => p.length - 1 === edges && edges > 0) };
}
