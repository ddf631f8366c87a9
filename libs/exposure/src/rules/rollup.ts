import { EdgeRef } from '@pedigree/core';
import { AncestryGraph, ExposureNode, pathTo, Reach } from './ancestry-graph';
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

/** Groups ancestors by key; keys sort by nearest depth, then by size. */
export function groupExplained<K>(ctx: RollupContext, keyOf: (n: ExposureNode) => K): Map<K, Explained> {
  const groups = new Map<K, Explained & { kindSet: Set<ExposureKind> }>();
  for (const node of ancestors(ctx)) {
    const key = keyOf(node);
    const depth = ctx.reach.depth.get(node.id) ?? Number.MAX_SAFE_INTEGER;
    let g = groups.get(key);
    if (!g) {
      g = { kinds: [], kindSet: new Set(), nearestDepth: depth, ancestorCount: 0, path: [], nearestNodeId: node.id };
      groups.set(key, g);
    }
    g.ancestorCount++;
    for (const k of kindsOf(ctx.states.get(node.id))) g.kindSet.add(k);
    if (depth < g.nearestDepth || (depth === g.nearestDepth && Number(node.id) < Number(g.nearestNodeId))) {
      g.nearestDepth = depth;
      g.nearestNodeId = node.id;
    }
  }
  const out = new Map<K, Explained>();
  const sorted = [...groups].sort(([, a], [, b]) => a.nearestDepth - b.nearestDepth || b.ancestorCount - a.ancestorCount);
  for (const [key, g] of sorted) {
    const { kindSet, ...rest } = g;
    out.set(key, { ...rest, kinds: kindsOf(new Set(kindSet)), path: pathTo(ctx.reach, g.nearestNodeId) });
  }
  return out;
}
