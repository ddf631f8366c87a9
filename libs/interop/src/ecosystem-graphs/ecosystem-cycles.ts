import { ImportFinding } from '../import-plan';
import { ResolvedDependency } from './dependency-resolution';
import { EcosystemRecord } from './duplicates';
import { PlannedEdge } from './ecosystem-lineage';
import { adjacency, DirectedEdge, elementaryCycles, longestChains, replayCycleChecks } from './graph-analysis';

export interface CycleReport {
  /** Asset labels along the loop, closed: `[a, b, …, a]`. */
  path: string[];
  /** `rejected`: the registry refuses the edge that closes it. `not-in-registry`: an edge of the loop is not lineage (an application's). */
  outcome: 'rejected' | 'not-in-registry';
  /** The refused edge, by asset labels, when `outcome` is `rejected`. */
  rejectedEdge: { derived: string; source: string; relation: string } | null;
  detail: string;
}

export interface RejectedEdge {
  /** Asset labels. */
  derived: string;
  source: string;
  /** Registry names, as in the op's `edge`. */
  derivedName: string;
  sourceName: string;
  relation: string;
  /** The loop, by asset labels: `[derived, source, …, derived]`. */
  path: string[];
  /** A self-dependency is not emitted at all; every other refused edge is emitted and refused by the registry. */
  emitted: boolean;
}

export interface GraphFacts {
  /** Resolved dependencies, every kind, self-dependencies included. */
  edges: number;
  modelToModel: number;
  cycles: string[][];
  longestChain: { edges: number; paths: string[][] };
}

const id = (r: EcosystemRecord) => `#${r.asset.index}`;
const edgeOf = (d: ResolvedDependency): DirectedEdge => ({ derived: id(d.from), source: id(d.to) });

/** Every elementary cycle of the resolved dependencies, by record id (`#<file index>`). */
export function dependencyCycles(deps: readonly ResolvedDependency[]): string[][] {
  return elementaryCycles(adjacency(deps.map(edgeOf)));
}

/** Cycles, longest chains and edge counts of a set of resolved dependencies, over every kind of asset. */
export function graphFacts(deps: readonly ResolvedDependency[], label: (id: string) => string): GraphFacts {
  const unique = [...new Map(deps.map((d) => [`${id(d.from)}>${id(d.to)}`, d])).values()];
  const edges = unique.map(edgeOf);
  const chains = longestChains(adjacency(replayCycleChecks(edges).accepted));
  return {
    edges: edges.length,
    modelToModel: unique.filter((d) => d.from.asset.type === 'model' && d.to.asset.type === 'model').length,
    cycles: dependencyCycles(unique).map((c) => c.map(label)),
    longestChain: { edges: chains.edges, paths: chains.paths.map((p) => p.map(label)) },
  };
}

/**
 * Which planned edges the registry will refuse, replaying its rule in emission order, and what
 * becomes of each cycle of the file: refused at its closing edge, or absent from the registry
 * because the loop runs through an application, whose dependencies are not lineage.
 */
export function cycleOutcomes(
  planned: readonly PlannedEdge[],
  /** By record id, from dependencyCycles. */
  cycles: readonly string[][],
  labels: ReadonlyMap<string, EcosystemRecord>,
  registryNames: ReadonlyMap<EcosystemRecord, string>,
): { rejected: RejectedEdge[]; cycles: CycleReport[]; findings: ImportFinding[]; lineageChain: GraphFacts['longestChain'] } {
  const replay = replayCycleChecks(planned.map((p) => edgeOf(p.dependency)));
  const rejected = replay.rejected.map(({ position, path }): RejectedEdge => {
    const { dependency, relation } = planned[position];
    return {
      derived: dependency.from.label,
      source: dependency.to.label,
      derivedName: registryNames.get(dependency.from)!,
      sourceName: registryNames.get(dependency.to)!,
      relation,
      path: path.map((p) => labelOf(labels, p)),
      emitted: dependency.from !== dependency.to,
    };
  });
  const chain = longestChains(adjacency(replay.accepted));
  const reports = cycles.map((ids): CycleReport => {
    const path = ids.map((n) => labelOf(labels, n));
    const closing = rejected.find((r) => path.some((node, i) => i > 0 && path[i - 1] === r.derived && node === r.source));
    if (closing) {
      const how = closing.emitted
        ? 'the registry refuses the edge that closes it (CYCLE), as the last of the loop in emission order'
        : 'a self-dependency: not emitted, since the registry refuses self-edges';
      return {
        path,
        outcome: 'rejected',
        rejectedEdge: { derived: closing.derived, source: closing.source, relation: closing.relation },
        detail: `${how}: ${closing.derived} -[${closing.relation}]-> ${closing.source}`,
      };
    }
    const apps = ids.filter((p) => labels.get(p)?.asset.type === 'application').map((p) => labelOf(labels, p));
    return {
      path,
      outcome: 'not-in-registry',
      rejectedEdge: null,
      detail: apps.length
        ? `runs through application ${[...new Set(apps)].map((a) => `"${a}"`).join(', ')}: its dependencies become deployments and dependencies on it are findings, so the registry holds no loop`
        : 'an edge of the loop is not planned (see the other findings), so the registry holds no loop',
    };
  });
  const findings = reports.map((c) => ({ kind: 'cycle', subject: c.path[0], detail: `${c.path.join(' -> ')}: ${c.detail}` }));
  return { rejected, cycles: reports, findings, lineageChain: { edges: chain.edges, paths: chain.paths.map((p) => p.map((n) => labelOf(labels, n))) } };
}

function labelOf(labels: ReadonlyMap<string, EcosystemRecord>, node: string): string {
  return labels.get(node)?.label ?? node;
}
