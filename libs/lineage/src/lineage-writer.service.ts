import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, assertEndpoints, assertMergeWeight } from '@pedigree/core';
import { EdgeDraft } from './lineage-edge.record';
import { LineageEdgeRepository } from './lineage-edge.repository';
import { LINEAGE_GRAPH, LineageGraph, NodeIdentity } from './lineage-graph';
import { LineageNodeRepository } from './lineage-node.repository';

/** Far beyond any real ancestry; the walk dedups, so the bound only matters for corrupt data. */
const CYCLE_SEARCH_DEPTH = 10_000;

export interface DraftWithSource extends EdgeDraft {
  source: NodeIdentity;
  /** Input path of this edge, for error messages. */
  field: string;
}

/**
 * Writes lineage edges. Must run inside a READ COMMITTED transaction (Db.transaction): an edge
 * from an existing node takes the lineage write lock first, so its cycle check sees every edge
 * committed by earlier lock holders and two opposite edges can never both commit.
 */
@Injectable()
export class LineageWriter {
  constructor(
    private readonly edges: LineageEdgeRepository,
    private readonly nodes: LineageNodeRepository,
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
  ) {}

  validate(derived: Pick<NodeIdentity, 'kind' | 'id'>, drafts: readonly DraftWithSource[]): void {
    for (const d of drafts) {
      assertEndpoints(d.relation, derived.kind, d.source.kind, `${d.field}.relation`);
      assertMergeWeight(d.relation, d.mergeWeight, `${d.field}.mergeWeight`);
      if (d.source.id === derived.id) {
        throw new DomainError(ErrorCode.CYCLE, `${d.field}: "${d.source.key}" cannot be its own ${d.relation} source.`, `${d.field}.source`, {
          path: [d.source.key, d.source.key],
        });
      }
    }
  }

  /** `derivedIsNew`: a node created in this transaction has no incoming edges, so it cannot close a cycle. */
  async add(derived: NodeIdentity, drafts: readonly DraftWithSource[], derivedIsNew: boolean, recordedBy: string): Promise<string[]> {
    if (!drafts.length) return [];
    this.validate(derived, drafts);
    if (!derivedIsNew) {
      await this.edges.lockLineageWrites();
      for (const d of drafts) await this.assertNoCycle(derived, d);
    }
    return this.edges.insert(derived.id, drafts, recordedBy);
  }

  private async assertNoCycle(derived: NodeIdentity, draft: DraftWithSource): Promise<void> {
    const path = await this.graph.shortestPathUp(draft.source.id, derived.id, CYCLE_SEARCH_DEPTH);
    if (!path) return;
    const ids = [path[0]?.derivedId ?? draft.source.id, ...path.map((e) => e.sourceId)];
    const names = new Map((await this.nodes.findByIds(ids)).map((n) => [n.id, n.key]));
    const chain = path.map((e) => `-[${e.relation}]-> "${names.get(e.sourceId)}"`).join(' ');
    throw new DomainError(
      ErrorCode.CYCLE,
      `${draft.field}: "${derived.key}" -[${draft.relation}]-> "${draft.source.key}" would create a cycle, because ` +
        `"${draft.source.key}" already derives from "${derived.key}": "${draft.source.key}" ${chain}.`,
      `${draft.field}.source`,
      { path: [derived.key, ...ids.map((id) => names.get(id) ?? id)], edgeIds: path.map((e) => e.id) },
    );
  }
}

