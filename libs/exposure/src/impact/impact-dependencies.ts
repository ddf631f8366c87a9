import { AffectedNode } from '../rules/impact.rules';
import { DependencyKind, ExposureKind, KIND_ORDER } from '../rules/exposure-kind';

/** A node the target reaches as a dependency rather than through lineage: it trained it, or owns its publisher. */
export interface DependencyHit {
  nodeId: string;
  kind: DependencyKind;
  detail: string;
}

export interface DependencyAffected {
  /** Hits on nodes outside the lineage walk, listed before the walk's own nodes, by id. */
  extra: AffectedNode[];
  /** Kinds and details to add to nodes the walk reached anyway. */
  merged: Map<string, { kinds: ExposureKind[]; details: string[] }>;
  byKind: { kind: ExposureKind; count: number }[];
}

/**
 * Folds dependency hits into an impact answer. A target's own nodes are left alone. A cut-off of a
 * cloud or an owner stops what it trains, serves or owns; weights already derived from those models
 * are descendants of the models, not of the cloud, so hits are not walked further.
 */
export function foldDependencyHits(hits: readonly DependencyHit[], rootIds: ReadonlySet<string>, inWalk: ReadonlySet<string>): DependencyAffected {
  const byNode = new Map<string, { kinds: Set<ExposureKind>; details: string[] }>();
  for (const h of hits) {
    if (rootIds.has(h.nodeId)) continue;
    const e = byNode.get(h.nodeId) ?? byNode.set(h.nodeId, { kinds: new Set(), details: [] }).get(h.nodeId)!;
    e.kinds.add(h.kind);
    if (!e.details.includes(h.detail)) e.details.push(h.detail);
  }
  const extra: AffectedNode[] = [];
  const merged = new Map<string, { kinds: ExposureKind[]; details: string[] }>();
  const counts = new Map<ExposureKind, number>();
  for (const [nodeId, e] of [...byNode].sort(([a], [b]) => Number(a) - Number(b))) {
    const kinds = KIND_ORDER.filter((k) => e.kinds.has(k));
    for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
    if (inWalk.has(nodeId)) merged.set(nodeId, { kinds, details: e.details });
    else extra.push({ id: nodeId, depth: 0, kinds, inTarget: false, ...detailOf(e.details) });
  }
  return { extra, merged, byKind: [...counts].map(([kind, count]) => ({ kind, count })) };
}

const detailOf = (details: string[]) => ({ dependency: details.join('; ') });

/** The affected page over `extra` first, then the walk's rows, with merged kinds added to walk rows. */
export function pageWithDependencies(
  deps: DependencyAffected,
  walkPage: (start: number, end: number) => AffectedNode[],
): (start: number, end: number) => AffectedNode[] {
  const n = deps.extra.length;
  return (start, end) => {
    const head = deps.extra.slice(start, end);
    const tail = end > n ? walkPage(Math.max(0, start - n), end - n) : [];
    return [
      ...head,
      ...tail.map((a) => {
        const m = deps.merged.get(a.id);
        return m ? { ...a, kinds: [...a.kinds, ...m.kinds.filter((k) => !a.kinds.includes(k))], ...detailOf(m.details) } : a;
      }),
    ];
  };
}

/** Adds dependency totals to the walk's totals, in the walk's order then the dependency kinds'. */
export function addKindTotals(walk: { kind: ExposureKind; count: number }[], deps: { kind: ExposureKind; count: number }[]) {
  const out = walk.map((k) => ({ ...k }));
  for (const d of deps) {
    const same = out.find((k) => k.kind === d.kind);
    if (same) same.count += d.count;
    else out.push({ ...d });
  }
  return out;
}
