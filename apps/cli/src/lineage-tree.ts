export interface TreeNode {
  id: string;
  label: string;
}

export interface TreeEdge {
  derivedId: string;
  sourceId: string;
  relation: string;
}

/**
 * Renders an ancestry DAG as a terminal tree. A node reached a second time (a diamond, or a
 * parent repeated by a merge) is printed once more but not expanded again, so the output stays
 * linear in the graph size and ends on cyclic data.
 */
export function renderAncestryTree(rootId: string, nodes: readonly TreeNode[], edges: readonly TreeEdge[]): string[] {
  const label = new Map(nodes.map((n) => [n.id, n.label]));
  const parents = new Map<string, TreeEdge[]>();
  for (const e of edges) {
    if (!parents.has(e.derivedId)) parents.set(e.derivedId, []);
    parents.get(e.derivedId)!.push(e);
  }
  for (const list of parents.values())
    list.sort((a, b) => a.relation.localeCompare(b.relation) || (label.get(a.sourceId) ?? '').localeCompare(label.get(b.sourceId) ?? ''));
  const lines = [label.get(rootId) ?? rootId];
  const expanded = new Set([rootId]);
  const visit = (id: string, prefix: string) => {
    const list = parents.get(id) ?? [];
    list.forEach((e, i) => {
      const last = i === list.length - 1;
      const seen = expanded.has(e.sourceId);
      const more = seen && (parents.get(e.sourceId)?.length ?? 0) > 0 ? '  (ancestors shown above)' : '';
      lines.push(`${prefix}${last ? '└─' : '├─'} ${e.relation.padEnd(12)} ${label.get(e.sourceId) ?? e.sourceId}${more}`);
      if (!seen) {
        expanded.add(e.sourceId);
        visit(e.sourceId, `${prefix}${last ? '   ' : '│  '}`);
      }
    });
  };
  visit(rootId, '');
  return lines;
}
