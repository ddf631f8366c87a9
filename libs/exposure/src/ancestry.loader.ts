import { Inject, Injectable } from '@nestjs/common';
import { ComputeFactsRepository, FactHistoryRepository, NodeFactsRepository } from '@pedigree/catalog';
import { Direction, EdgeRef, TimeSlice } from '@pedigree/core';
import { LicenseTerms, licenseRefsIn } from '@pedigree/licensing';
import { LINEAGE_GRAPH, LineageGraph, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { ExposureNode } from './rules/ancestry-graph';
import { ComputeUse, DependencyFacts, ForeignOwner } from './rules/dependencies';
import { ForeignOwnersLoader } from './foreign-owners.loader';

export interface LoadedAncestry {
  nodes: Map<string, ExposureNode>;
  edges: EdgeRef[];
  terms: Map<string, LicenseTerms>;
  /** Compute and ownership facts of the nodes; empty unless asked for. */
  dependencies: DependencyFacts;
  truncated: boolean;
}

/**
 * Ancestry of one or many subjects: walk, facts, license terms, and with `dependencies` the compute
 * and ownership facts too. Statements that do not need each other's answers run side by side, so
 * asking for dependencies adds no round trip: walk, then facts ∥ compute, then terms ∥ owners.
 */
@Injectable()
export class AncestryLoader {
  constructor(
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    private readonly repo: NodeFactsRepository,
    private readonly history: FactHistoryRepository,
    private readonly compute: ComputeFactsRepository,
    private readonly owners: ForeignOwnersLoader,
  ) {}

  /**
   * `at`: the ancestry as recorded then (asOf) and ownership as valid then (validAt), in as many
   * statements; a node registered later is absent. Without it, the present (the index, the
   * materialized tables).
   */
  async load(rootIds: readonly string[], options: { dependencies?: boolean; graph?: LineageGraph; at?: TimeSlice | null } = {}): Promise<LoadedAncestry> {
    const none: DependencyFacts = { compute: new Map(), owners: new Map() };
    if (!rootIds.length) return { nodes: new Map(), edges: [], terms: new Map(), dependencies: none, truncated: false };
    const at = options.at ?? null;
    const walk = await (options.graph ?? this.graph).walk(rootIds, Direction.ANCESTORS, {
      maxDepth: MAX_WALK_DEPTH,
      relations: [],
      includeRetracted: false,
      asOf: at?.recordedAt,
    });
    const ids = walk.nodes.map((n) => n.id);
    const [facts, compute] = await Promise.all([
      at ? this.history.factsAt(ids, at) : this.repo.facts(ids),
      options.dependencies ? this.compute.computeOf(ids, at) : Promise.resolve([]),
    ]);
    const refs = new Set<string>();
    for (const f of facts) for (const m of licenseRefsIn(f.license)) refs.add(m);
    const [terms, owners] = await Promise.all([
      this.repo.licenseTerms([...refs]),
      options.dependencies ? this.owners.foreignOwnersOfNodes(facts, at) : Promise.resolve(new Map<string, ForeignOwner[]>()),
    ]);
    const byNode = new Map<string, ComputeUse[]>();
    for (const c of compute) (byNode.get(c.nodeId) ?? byNode.set(c.nodeId, []).get(c.nodeId)!).push(c);
    return {
      nodes: new Map(facts.map((f) => [f.id, f])),
      edges: walk.edges,
      terms,
      dependencies: { compute: byNode, owners },
      truncated: walk.truncated,
    };
  }
}
