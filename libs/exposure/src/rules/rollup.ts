import { EdgeRef } from '@pedigree/core';
import { AncestryGraph, ExposureNode, pathTo, Reach } from './ancestry-graph';
import { ExplainedDependency } from './dependencies';
import { EntryState, ExposureKind, kindsOf } from './exposure-kind';

/** One line of an exposure answer, with what an auditor needs to defend it. */
export interface Explained {
  kinds: ExposureKind[];
  /** Fewest edges from the subject to any ancestor in this group. */
  nearestDepth: number;
  /** Ancestors in this group. */
  ancestorCount: number;
  /** One shortest chain of edges from the subject to the nearest ancestor in the group. */
  path: EdgeRef[];
  nearestNodeId: string;
  /** Attached dependencies (compute, serving, ownership) in this group. */
  dependencyCount: number;
  /** Set when the nearest member is an attached dependency rather than an ancestor: the fact that explains the line. */
  via: ExplainedDependency | null;
}

export interface RollupContext {
  graph: AncestryGraph;
  reach: Reach;
  states: Map<string, Set<EntryState>>;
}

/** The subject's ancestors, i.e. every reached node that is not the subject itself. */
export function ancestors(ctx: RollupContext): ExposureNode[] {
  const out: ExposureNode[] = [];
  for (const [id, states] of ctx.states) {
    const node = ctx.graph.nodes.get(id);
    // The subject is never its own ancestor, even if corrupt data loops back to it.
    if (node && !states.has('SELF') && kindsOf(states).length) out.push(node);
  }
  return out;
}

/**
 * Groups ancestors, and dependencies attached to the subject or its ancestors, by key; keys sort by
 * nearest depth, then by size. At equal depth an ancestor explains a line before a dependency does.
 */
export function groupExplained<K>(
  ctx: RollupContext,
  keyOf: (n: ExposureNode) => K,
  deps: readonly ExplainedDependency[] = [],
  depKeyOf?: (d: ExplainedDependency) => K,
): Map<K, Explained> {
  const groups = new Map<K, Explained & { kindSet: Set<ExposureKind> }>();
  const group = (key: K, depth: number, nodeId: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { kinds: [], kindSet: new Set(), nearestDepth: depth, ancestorCount: 0, path: [], nearestNodeId: nodeId, dependencyCount: 0, via: null };
      groups.set(key, g);
    }
    return g;
  };
  for (const node of ancestors(ctx)) {
    const depth = ctx.reach.depth.get(node.id) ?? Number.MAX_SAFE_INTEGER;
    const g = group(keyOf(node), depth, node.id);
    g.ancestorCount++;
    for (const k of kindsOf(ctx.states.get(node.id))) g.kindSet.add(k);
    if (depth < g.nearestDepth || (depth === g.nearestDepth && !g.via && Number(node.id) < Number(g.nearestNodeId))) {
      g.nearestDepth = depth;
      g.nearestNodeId = node.id;
    }
  }
  if (depKeyOf) {
    for (const d of deps) {
      const g = group(depKeyOf(d), d.depth, d.nodeId);
      const fresh = g.ancestorCount === 0 && g.dependencyCount === 0;
      g.dependencyCount++;
      g.kindSet.add(d.kind);
      if (fresh || d.depth < g.nearestDepth) {
        g.nearestDepth = d.depth;
        g.nearestNodeId = d.nodeId;
        g.via = d;
      }
    }
  }
  const out = new Map<K, Explained>();
  const size = (g: Explained) => g.ancestorCount + g.dependencyCount;
  const sorted = [...groups].sort(([, a], [, b]) => a.nearestDepth - b.nearestDepth || size(b) - size(a));
  for (const [key, g] of sorted) {
    const { kindSet, ...rest } = g;
    out.set(key, { ...rest, kinds: kindsOf(new Set(kindSet)), path: g.via ? g.via.path : pathTo(ctx.reach, g.nearestNodeId) });
  }
  return out;
}
