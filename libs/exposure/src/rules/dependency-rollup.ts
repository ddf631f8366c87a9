import { pathTo } from './ancestry-graph';
import { AttachedDependency, computeDependency, DependencyFacts, ExplainedDependency, ownershipDependency } from './dependencies';
import { ExposureKind } from './exposure-kind';
import { RollupContext } from './rollup';

/**
 * The dependencies of one subject's ancestry: compute of every node on the weight paths (the
 * subject and, for a checkpoint, its model included), and foreign owners of the publisher of every
 * node reached through any relation, the subject's own publisher included.
 */
export function attachedDependencies(ctx: RollupContext, facts: DependencyFacts): AttachedDependency[] {
  const out: AttachedDependency[] = [];
  for (const [id, states] of ctx.states) {
    if (!ctx.reach.depth.has(id)) continue;
    if (states.has('SELF') || states.has(ExposureKind.WEIGHTS)) for (const c of facts.compute.get(id) ?? []) out.push(computeDependency(id, c));
    for (const o of facts.owners.get(id) ?? []) out.push(ownershipDependency(id, o));
  }
  return out;
}

export function explainDependencies(ctx: RollupContext, deps: readonly AttachedDependency[]): ExplainedDependency[] {
  return deps
    .filter((d) => ctx.reach.depth.has(d.nodeId))
    .map((d) => ({ ...d, depth: ctx.reach.depth.get(d.nodeId)!, path: pathTo(ctx.reach, d.nodeId) }))
    .sort((a, b) => a.depth - b.depth || Number(a.nodeId) - Number(b.nodeId));
}
