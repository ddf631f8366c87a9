import { EdgeRef, Relation } from '@pedigree/core';
import { EntryState, ExposureKind, kindsOf, step } from './exposure-kind';

export interface AffectedNode {
  id: string;
  /** Fewest edges from a target node; for a node of the target itself, from another target node. */
  depth: number;
  /** How the target reaches it; for a node of the target, how the other target nodes reach it. */
  kinds: ExposureKind[];
  /** Part of the target itself, and also a descendant of another of its nodes. */
  inTarget: boolean;
  /** Why a dependency kind (COMPUTE, OWNERSHIP) applies, in words; absent for lineage only. */
  dependency?: string;
}

export interface ImpactReport {
  affected: AffectedNode[];
  byKind: { kind: ExposureKind; count: number }[];
  byRelation: { relation: Relation; count: number }[];
  /** Edges from a target down to `id`, target end first (none for a target node). */
  pathTo(id: string): EdgeRef[];
}

/**
 * The reference definition of an impact rollup, over edge objects. The service runs
 * `impactOfColumns`, which must give exactly these answers (its property test compares them).
 *
 * Everything below the targets, each with how the target reaches it. Checkpoints of a target model
 * are the target's own weights, so they count as affected through WEIGHTS.
 *
 * A target stands for many nodes when it is an organization or a country, and some of them
 * descend from others (DeepSeek-R1 from DeepSeek-V3-Base): those are affected too, at their
 * distance from the other target nodes and with the kinds those reach them through. Lineage has no
 * cycles (the writer refuses them), so that is exactly what arrives along the edges into a target
 * node; on corrupt cyclic data a target node on a cycle counts as reached by it.
 */
export function impactOf(rootIds: readonly string[], edges: readonly EdgeRef[]): ImpactReport {
  const down = new Map<string, EdgeRef[]>();
  for (const e of edges) (down.get(e.sourceId) ?? down.set(e.sourceId, []).get(e.sourceId)!).push(e);
  const roots = new Set(rootIds);

  const depth = new Map<string, number>(rootIds.map((r) => [r, 0]));
  const via = new Map<string, EdgeRef>();
  let frontier = [...roots];
  for (let d = 1; frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of down.get(id) ?? []) {
        if (depth.has(e.derivedId)) continue;
        depth.set(e.derivedId, d);
        via.set(e.derivedId, e);
        next.push(e.derivedId);
      }
    }
    frontier = next;
  }
  // A target node's own distance from the other target nodes: through its nearest walked parent.
  const targetDepth = new Map<string, number>();
  for (const e of edges) {
    const d = depth.get(e.sourceId);
    if (d === undefined || !roots.has(e.derivedId)) continue;
    targetDepth.set(e.derivedId, Math.min(d + 1, targetDepth.get(e.derivedId) ?? Infinity));
  }

  // `states`: every state a node is in, which it passes on (a target node starts as SELF).
  // `arrived`: the states that reach it along its edges; for any other node the two are the same.
  const states = new Map<string, Set<EntryState>>(rootIds.map((r) => [r, new Set<EntryState>(['SELF'])]));
  const arrived = new Map<string, Set<EntryState>>();
  const work = [...roots];
  while (work.length) {
    const id = work.pop()!;
    for (const e of down.get(id) ?? []) {
      for (const s of states.get(id)!) {
        const next = step(s, e.relation);
        (arrived.get(e.derivedId) ?? arrived.set(e.derivedId, new Set()).get(e.derivedId)!).add(next);
        const target = states.get(e.derivedId) ?? states.set(e.derivedId, new Set()).get(e.derivedId)!;
        if (!target.has(next)) {
          target.add(next);
          work.push(e.derivedId);
        }
      }
    }
  }

  const affected: AffectedNode[] = [];
  for (const [id, d] of depth) {
    const inTarget = roots.has(id);
    if (inTarget && !targetDepth.has(id)) continue;
    const s = arrived.get(id)!;
    const kinds = kindsOf(s);
    if (s.has('SELF') && !kinds.includes(ExposureKind.WEIGHTS)) kinds.unshift(ExposureKind.WEIGHTS);
    affected.push({ id, depth: inTarget ? targetDepth.get(id)! : d, kinds, inTarget });
  }
  affected.sort((a, b) => a.depth - b.depth || Number(a.id) - Number(b.id));

  const kindCount = new Map<ExposureKind, number>();
  for (const a of affected) for (const k of a.kinds) kindCount.set(k, (kindCount.get(k) ?? 0) + 1);
  // Affected nodes per relation through which they are reached (a node reached two ways counts under
  // each). Every edge out of a walked node leads to an affected node, target nodes included.
  const byRelationNodes = new Map<Relation, Set<string>>();
  for (const e of edges) {
    if (!depth.has(e.derivedId) || !depth.has(e.sourceId)) continue;
    (byRelationNodes.get(e.relation) ?? byRelationNodes.set(e.relation, new Set()).get(e.relation)!).add(e.derivedId);
  }
  const relationCount = new Map([...byRelationNodes].map(([relation, nodes]) => [relation, nodes.size]));

  return {
    affected,
    byKind: [...kindCount].map(([kind, count]) => ({ kind, count })),
    byRelation: [...relationCount].map(([relation, count]) => ({ relation, count })).sort((a, b) => b.count - a.count),
    pathTo(id) {
      const path: EdgeRef[] = [];
      for (let e = via.get(id); e; e = via.get(e.sourceId)) path.push(e);
      return path.reverse();
    },
  };
}

export const STRUCTURAL_RELATIONS: readonly Relation[] = [Relation.CHECKPOINT_OF];

/** A relation filter must still reach checkpoints, or deployments of derived models would be missed. */
export function withStructural(relations: readonly Relation[]): Relation[] {
  return relations.length ? [...new Set([...relations, ...STRUCTURAL_RELATIONS])] : [];
}
