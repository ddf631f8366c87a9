import { Inject, Injectable } from '@nestjs/common';
import { NodeFactsRepository } from '@pedigree/catalog';
import { Direction, EdgeRef } from '@pedigree/core';
import { LicenseTerms, licenseRefsIn } from '@pedigree/licensing';
import { LINEAGE_GRAPH, LineageGraph, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { ExposureNode } from './rules/ancestry-graph';

export interface LoadedAncestry {
  nodes: Map<string, ExposureNode>;
  edges: EdgeRef[];
  terms: Map<string, LicenseTerms>;
  truncated: boolean;
}

/** Ancestry of one or many subjects in three statements: walk, facts, license terms. */
@Injectable()
export class AncestryLoader {
  constructor(
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    private readonly repo: NodeFactsRepository,
  ) {}

  async load(rootIds: readonly string[]): Promise<LoadedAncestry> {
    if (!rootIds.length) return { nodes: new Map(), edges: [], terms: new Map(), truncated: false };
    const walk = await this.graph.walk(rootIds, Direction.ANCESTORS, { maxDepth: MAX_WALK_DEPTH, relations: [], includeRetracted: false });
    const facts = await this.repo.facts(walk.nodes.map((n) => n.id));
    const refs = new Set<string>();
    for (const f of facts) for (const m of licenseRefsIn(f.license)) refs.add(m);
    const terms = await this.repo.licenseTerms([...refs]);
    return { nodes: new Map(facts.map((f) => [f.id, f])), edges: walk.edges, terms, truncated: walk.truncated };
  }
}
