import { Inject, Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import {
  assertEndpoints,
  assertMergeWeight,
  DomainError,
  ErrorCode,
  Evidence,
  invalidInput,
  normalizeAuxiliaryRole,
  normalizeTeacherUse,
  Relation,
} from '@pedigree/core';
import { EdgeDraft } from './lineage-edge.record';
import { LineageEdgeWriteRepository } from './lineage-edge-write.repository';
import { CteLineageGraph } from './lineage-graph.cte.repository';
import { LINEAGE_CHANGE_SINK, LineageChangeSink } from './lineage-change.sink';
import { MAX_WALK_DEPTH, NodeIdentity } from './lineage-graph';
import { LineageNodeRepository } from './lineage-node.repository';

export interface DraftWithSource extends EdgeDraft {
  source: NodeIdentity;
  /** Input path of this edge, for error messages. */
  field: string;
  /** Input path of the reference that named the source. */
  sourceField: string;
  /** Set only for edges the registry itself records (CHECKPOINT_OF). */
  system?: boolean;
}

/**
 * Writes lineage edges. Must run inside a READ COMMITTED transaction (Db.transaction): an edge
 * from an existing node takes the lineage write lock first, so its cycle check sees every edge
 * committed by earlier lock holders and two opposite edges can never both commit. The check reads
 * PostgreSQL (the CTE graph), not the in-memory index: under the lock, only the database is sure
 * to hold what another instance committed a moment ago.
 */
@Injectable()
export class LineageWriter {
  constructor(
    private readonly edges: LineageEdgeWriteRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly graph: CteLineageGraph,
    private readonly db: Db,
    @Inject(LINEAGE_CHANGE_SINK) private readonly changes: LineageChangeSink,
  ) {}

  validate(derived: Pick<NodeIdentity, 'kind' | 'id'>, drafts: readonly DraftWithSource[]): void {
    for (const d of drafts) {
      if (d.relation === Relation.CHECKPOINT_OF && !d.system) {
        throw invalidInput(`${d.field}.relation`, 'CHECKPOINT_OF is recorded by registerCheckpoint and cannot be asserted', 'any other relation');
      }
      assertEndpoints(d.relation, derived.kind, d.source.kind, d.sourceField);
      assertMergeWeight(d.relation, d.mergeWeight, `${d.field}.mergeWeight`);
      // Callers normalize these from their input; checked again here so no write path can skip them.
      normalizeTeacherUse(d.relation, d, d.field);
      normalizeAuxiliaryRole(d.relation, d.auxiliaryRole, `${d.field}.auxiliaryRole`);
      if (d.source.id === derived.id) {
        throw new DomainError(ErrorCode.CYCLE, `${d.field}: "${d.source.key}" cannot be its own ${d.relation} source.`, d.sourceField, {
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
    const ids = await this.edges.insert(derived.id, drafts, recordedBy);
    const committed = ids.map((id, i) => ({ id, derivedId: derived.id, sourceId: drafts[i].sourceId, relation: drafts[i].relation }));
    this.db.afterCommit(() => this.changes.edgesCommitted(committed));
    return ids;
  }

  /**
   * The edges of many nodes the caller's transaction has just created (a batch registration), in
   * one statement, with no lock and no cycle check. Why that is sound: a cycle through a new edge
   * source -> derived needs a path from derived back down to source, i.e. derived must already be
   * some node's source. The caller promises each derived node was created in this transaction with
   * no edges yet; other transactions cannot name it before commit, and this call refuses to name
   * any of the new nodes as a source (checked below). So none of them gains a descendant, no edge
   * written here can close a cycle, and the lock that orders cycle checks between existing nodes is
   * not needed. Self-edges are refused by validate, as in add.
   */
  async addToNewNodes(items: readonly { derived: NodeIdentity; drafts: readonly DraftWithSource[]; recordedBy: string }[]): Promise<string[][]> {
    const created = new Set(items.map((i) => i.derived.id));
    for (const item of items) {
      this.validate(item.derived, item.drafts);
      const inner = item.drafts.find((d) => created.has(d.sourceId));
      if (inner) throw new Error(`${inner.field}: a new node of this batch cannot be a source of another (addToNewNodes needs existing sources)`);
    }
    const rows = items.flatMap((i) => i.drafts.map((d) => ({ ...d, derivedId: i.derived.id, recordedBy: i.recordedBy })));
    const ids = await this.edges.insertMany(rows);
    const committed = ids.map((id, n) => ({ id, derivedId: rows[n].derivedId, sourceId: rows[n].sourceId, relation: rows[n].relation }));
    if (committed.length) this.db.afterCommit(() => this.changes.edgesCommitted(committed));
    let next = 0;
    return items.map((i) => ids.slice(next, (next += i.drafts.length)));
  }

  /**
   * One claim between existing nodes, idempotently: the same active claim again (an importer
   * re-run) returns the existing edge and writes nothing. The lock makes the check and the insert
   * one step, so two identical concurrent claims still give one edge. Returns the edge id and
   * whether it was created.
   */
  async addOnce(derived: NodeIdentity, draft: DraftWithSource, recordedBy: string): Promise<{ id: string; created: boolean }> {
    this.validate(derived, [draft]);
    await this.edges.lockLineageWrites();
    const same = await this.edges.findSameActiveClaim(derived.id, draft);
    if (same) return { id: same, created: false };
    const [id] = await this.add(derived, [draft], false, recordedBy);
    return { id, created: true };
  }

  async retract(edgeId: string, evidence: Evidence, recordedBy: string): Promise<boolean> {
    const added = await this.edges.retract(edgeId, evidence, recordedBy);
    if (added) this.db.afterCommit(() => this.changes.retractionCommitted(edgeId));
    return added;
  }

  private async assertNoCycle(derived: NodeIdentity, draft: DraftWithSource): Promise<void> {
    if (!(await this.graph.reaches(draft.source.id, derived.id))) return;
    // Only now, on the error path, find a chain to show; very deep chains are reported without one.
    const path = (await this.graph.shortestPathUp(draft.source.id, derived.id, MAX_WALK_DEPTH)) ?? [];
    const ids = [path[0]?.derivedId ?? draft.source.id, ...path.map((e) => e.sourceId)];
    const names = new Map((await this.nodes.findByIds(ids)).map((n) => [n.id, n.key]));
    const chain = path.length ? path.map((e) => `-[${e.relation}]-> "${names.get(e.sourceId)}"`).join(' ') : '-> … (deeper than shown)';
    throw new DomainError(
      ErrorCode.CYCLE,
      `${draft.field}: "${derived.key}" -[${draft.relation}]-> "${draft.source.key}" would create a cycle, because ` +
        `"${draft.source.key}" already derives from "${derived.key}": "${draft.source.key}" ${chain}.`,
      draft.sourceField,
      { path: [derived.key, ...ids.map((id) => names.get(id) ?? id)], edgeIds: path.map((e) => e.id) },
    );
  }
}
