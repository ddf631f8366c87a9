import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  assertNamespaceWritable,
  conflict,
  encodeCursor,
  EvidenceDraft,
  normalizeEvidence,
  Page,
  PageRequest,
  invalidInput,
  notFound,
  Direction,
  Relation,
  assertRegistryId,
  AuxiliaryRole,
  normalizeAuxiliaryRole,
  normalizeTeacherUse,
  TeacherUseDraft,
  NO_POLICY_GATE,
  POLICY_GATE,
  PolicyGate,
} from '@pedigree/core';
import { Db } from '@pedigree/database';
import { lineageChanged } from '@pedigree/outbox';
import { edgeKnownAt, LineageEdgeRecord } from './lineage-edge.record';
import { LineageEdgeRepository } from './lineage-edge.repository';
import { LINEAGE_GRAPH, LineageGraph, MAX_WALK_DEPTH } from './lineage-graph';
import { LineageNodeRepository } from './lineage-node.repository';
import { LineageWriter } from './lineage-writer.service';
import { assertRegisteredBy, NodeRef, resolveNodeRef } from './node-ref';

export interface SubgraphResult {
  rootId: string;
  direction: Direction;
  nodes: { id: string; depth: number }[];
  edges: LineageEdgeRecord[];
  truncated: boolean;
  depthLimited: boolean;
  nodeCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface AssertLineageCommand extends TeacherUseDraft {
  derived: NodeRef;
  source: NodeRef;
  relation: Relation;
  mergeWeight?: number | null;
  auxiliaryRole?: AuxiliaryRole | null;
  evidence: EvidenceDraft;
  recordedBy?: string | null;
}

@Injectable()
export class LineageService {
  constructor(
    private readonly db: Db,
    private readonly nodes: LineageNodeRepository,
    private readonly edges: LineageEdgeRepository,
    private readonly writer: LineageWriter,
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    private readonly audit: AuditRecorder,
    @Optional() @Inject(POLICY_GATE) private readonly gate: PolicyGate = NO_POLICY_GATE,
  ) {}

  /**
   * One page of a walk: its nodes in walk order (nearest first, by id within a depth), and the
   * edges whose far end (the source going up, the derived going down) is on the page. A walk
   * over a popular base reaches hundreds of thousands of nodes; only the page becomes objects.
   */
  async subgraph(
    of: NodeRef,
    direction: Direction,
    maxDepth: number,
    relations: Relation[],
    includeRetracted: boolean,
    page: PageRequest,
    asOf: Date | null = null,
  ): Promise<SubgraphResult> {
    if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_WALK_DEPTH) {
      throw invalidInput('maxDepth', `${maxDepth} is out of range`, `an integer from 1 to ${MAX_WALK_DEPTH}`);
    }
    const root = await resolveNodeRef(this.nodes, of, 'of');
    if (asOf) await assertRegisteredBy(this.nodes, [root.id], asOf);
    const walk = await this.graph.walkColumns([root.id], direction, { maxDepth, relations, includeRetracted, asOf });
    const total = walk.nodeIds.length;
    const start = page.afterId === null ? 0 : Number(page.afterId) + 1;
    const end = Math.min(total, start + page.limit);
    const nodes: { id: string; depth: number }[] = [];
    for (let row = start; row < end; row++) nodes.push({ id: String(walk.nodeIds[row]), depth: walk.depths[row] });
    const far = direction === Direction.ANCESTORS ? walk.sourceRows : walk.derivedRows;
    const edgeIds: string[] = [];
    for (let k = 0; k < far.length; k++) if (far[k] >= start && far[k] < end) edgeIds.push(String(walk.edgeIds[k]));
    const edges = (edgeIds.length ? await this.edges.findByIds(edgeIds) : []).map((e) => edgeKnownAt(e, asOf));
    edges.sort((a, b) => Number(a.id) - Number(b.id));
    const hasNextPage = end < total;
    return {
      rootId: root.id,
      direction,
      nodes,
      edges,
      nodeCount: total,
      depthLimited: walk.truncated,
      truncated: walk.truncated || hasNextPage,
      pageInfo: { hasNextPage, endCursor: end > start ? encodeCursor('lineage', String(end - 1)) : null },
    };
  }

  /** Looks up from `from` first; if `to` is not an ancestor, looks for `from` among `to`'s ancestors. At `asOf` when given. */
  async path(from: NodeRef, to: NodeRef, asOf: Date | null = null): Promise<{ direction: Direction; edges: LineageEdgeRecord[] } | null> {
    const [a, b] = await Promise.all([resolveNodeRef(this.nodes, from, 'from'), resolveNodeRef(this.nodes, to, 'to')]);
    if (asOf) await assertRegisteredBy(this.nodes, [a.id, b.id], asOf);
    let direction = Direction.ANCESTORS;
    let chain = await this.graph.shortestPathUp(a.id, b.id, MAX_WALK_DEPTH, asOf);
    if (!chain) {
      direction = Direction.DESCENDANTS;
      chain = await this.graph.shortestPathUp(b.id, a.id, MAX_WALK_DEPTH, asOf);
      chain?.reverse();
    }
    if (!chain) return null;
    const byId = new Map((await this.edges.findByIds(chain.map((e) => e.id))).map((e) => [e.id, edgeKnownAt(e, asOf)]));
    return { direction, edges: chain.map((e) => byId.get(e.id)!) };
  }

  async assert(command: AssertLineageCommand): Promise<LineageEdgeRecord> {
    const { id } = await this.apply(command);
    return (await this.edges.findByIds([id]))[0];
  }

  /** The claim inside the caller's transaction (or its own), saying whether it created the edge. */
  async apply(command: AssertLineageCommand): Promise<{ id: string; created: boolean }> {
    const evidence = normalizeEvidence(command.evidence, 'input.evidence');
    const teacherUse = normalizeTeacherUse(command.relation, command, 'input');
    const auxiliaryRole = normalizeAuxiliaryRole(command.relation, command.auxiliaryRole, 'input.auxiliaryRole');
    const recordedBy = command.recordedBy?.trim() || 'api';
    return this.db.transaction(async () => {
      const derived = await resolveNodeRef(this.nodes, command.derived, 'input.derived');
      assertNamespaceWritable(await this.nodes.ownerName(derived), 'input.derived');
      const source = await resolveNodeRef(this.nodes, command.source, 'input.source');
      const draft = {
        source,
        sourceId: source.id,
        relation: command.relation,
        mergeWeight: command.mergeWeight ?? null,
        ...teacherUse,
        auxiliaryRole,
        trainingRunId: null,
        evidence,
        field: 'input',
        sourceField: 'input.source',
      };
      const edge = await this.writer.addOnce(derived, draft, recordedBy);
      if (edge.created) {
        const event = lineageChanged('lineage.asserted', { edgeId: edge.id, relation: command.relation, sourceId: source.id, derived, source }, evidence);
        await this.audit.record('assertLineage', command, [edge.id, derived.id, source.id], [event]);
        await this.gate.check({ nodeId: derived.id });
      }
      return edge;
    });
  }

  async retract(edgeId: string, evidenceDraft: EvidenceDraft, recordedBy?: string | null): Promise<LineageEdgeRecord> {
    assertRegistryId(edgeId, 'input.edgeId', 'edge id');
    const evidence = normalizeEvidence(evidenceDraft, 'input.evidence');
    const [existing] = await this.edges.findByIds([edgeId]);
    if (!existing) throw notFound('Lineage edge', edgeId, 'input.edgeId');
    if (existing.relation === Relation.CHECKPOINT_OF) {
      throw invalidInput('input.edgeId', 'is the CHECKPOINT_OF edge that ties a checkpoint to its model and cannot be retracted', 'a lineage claim edge');
    }
    const ends = await this.nodes.findByIds([existing.derivedId, existing.sourceId]);
    const derived = ends.find((n) => n.id === existing.derivedId)!;
    const source = ends.find((n) => n.id === existing.sourceId)!;
    assertNamespaceWritable(await this.nodes.ownerName(derived), 'input.edgeId');
    await this.db.transaction(async () => {
      const added = await this.writer.retract(edgeId, evidence, recordedBy?.trim() || 'api');
      if (!added) throw conflict(`input.edgeId: edge ${edgeId} is already retracted.`, ['input.edgeId']);
      const event = lineageChanged('lineage.retracted', { edgeId, relation: existing.relation, sourceId: existing.sourceId, derived, source }, evidence);
      await this.audit.record('retractLineage', { edgeId, evidence: evidenceDraft, recordedBy }, [edgeId], [event]);
    });
    return (await this.edges.findByIds([edgeId]))[0];
  }

  async edgesPage(
    filter: { relation?: Relation | null; derived?: NodeRef | null; source?: NodeRef | null; includeRetracted: boolean },
    page: PageRequest,
  ): Promise<Page<LineageEdgeRecord>> {
    const [derived, source] = await Promise.all([
      filter.derived ? resolveNodeRef(this.nodes, filter.derived, 'derived') : null,
      filter.source ? resolveNodeRef(this.nodes, filter.source, 'source') : null,
    ]);
    return this.edges.page({ relation: filter.relation, derivedId: derived?.id, sourceId: source?.id, includeRetracted: filter.includeRetracted }, page);
  }
}
