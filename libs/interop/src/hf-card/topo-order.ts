export interface TopoOrder {
  /** Every node once, each after its parents; nodes on a cycle come last, in insertion order. */
  order: string[];
  /** Nodes left on or behind a cycle, in insertion order; empty for a DAG. */
  cyclic: string[];
}

/**
 * Kahn's algorithm in waves: each wave holds the nodes whose parents are all placed, in insertion
 * order, so the output is stable and reads root-first. A cycle cannot be ordered; its nodes are
 * appended as given and the server, which owns cycle checks, rejects the closing edge.
 */
export function topoOrder(nodes: readonly string[], parentsOf: (node: string) => readonly string[]): TopoOrder {
  const index = new Map(nodes.map((n, i) => [n, i]));
  const pending = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    const parents = [...new Set(parentsOf(node))].filter((p) => index.has(p) && p !== node);
    pending.set(node, parents.length);
    for (const p of parents) children.set(p, [...(children.get(p) ?? []), node]);
  }
  const order: string[] = [];
  let wave = nodes.filter((n) => pending.get(n) === 0);
  while (wave.length) {
    order.push(...wave);
    const next: string[] = [];
    for (const node of wave) {
      for (const child of children.get(node) ?? []) {
        const left = pending.get(child)! - 1;
        pending.set(child, left);
        if (left === 0) next.push(child);
      }
    }
    wave = next.sort((a, b) => index.get(a)! - index.get(b)!);
  }
  const placed = new Set(order);
  const cyclic = nodes.filter((n) => !placed.has(n));
  return { order: [...order, ...cyclic], cyclic };
}
