import { Injectable } from '@nestjs/common';
import { Evidence, Page, PageRequest, Relation } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { EdgeDraft, LineageEdgeRecord } from './lineage-edge.record';

/** Arbitrary but fixed: serializes edge writes between existing nodes, the only writes that can close a cycle. */
const LINEAGE_WRITE_LOCK = 7_312_001;

const EDGE_COLUMNS = `
  e.id, e.derived_id, e.source_id, e.relation, e.merge_weight, e.training_run_id, e.origin, e.justification,
  e.document_ref, e.collector, e.observed_at, e.confidence, e.recorded_at, e.recorded_by,
  r.id AS r_id, r.origin AS r_origin, r.justification AS r_justification, r.document_ref AS r_document_ref,
  r.collector AS r_collector, r.observed_at AS r_observed_at, r.confidence AS r_confidence,
  r.recorded_at AS r_recorded_at, r.recorded_by AS r_recorded_by`;

type Row = Record<string, any>;

function evidenceFrom(row: Row, prefix = ''): Evidence {
  return {
    origin: row[`${prefix}origin`],
    justification: row[`${prefix}justification`],
    documentRef: row[`${prefix}document_ref`],
    collector: row[`${prefix}collector`],
    observedAt: row[`${prefix}observed_at`],
    confidence: Number(row[`${prefix}confidence`]),
  };
}

function toRecord(row: Row): LineageEdgeRecord {
  return {
    id: String(row.id),
    derivedId: String(row.derived_id),
    sourceId: String(row.source_id),
    relation: row.relation,
    mergeWeight: row.merge_weight === null ? null : Number(row.merge_weight),
    trainingRunId: row.training_run_id === null ? null : String(row.training_run_id),
    evidence: evidenceFrom(row),
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    retraction: row.r_id
      ? { id: String(row.r_id), evidence: evidenceFrom(row, 'r_'), recordedAt: row.r_recorded_at, recordedBy: row.r_recorded_by }
      : null,
  };
}

export interface EdgeFilter {
  relation?: Relation | null;
  derivedId?: string | null;
  sourceId?: string | null;
  includeRetracted: boolean;
}

@Injectable()
export class LineageEdgeRepository {
  constructor(private readonly db: Db) {}

  /** Held until commit; must run inside a READ COMMITTED transaction so later reads see the previous holder's edges. */
  async lockLineageWrites(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock($1)`, [LINEAGE_WRITE_LOCK]);
  }

  async insert(derivedId: string, drafts: readonly EdgeDraft[], recordedBy: string): Promise<string[]> {
    if (!drafts.length) return [];
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO lineage_edge(derived_id, source_id, relation, merge_weight, training_run_id, origin, justification,
         document_ref, collector, observed_at, confidence, recorded_by)
       SELECT $1::bigint, s, r, w, t, o, j, d, c, ob, cf, $12
       FROM unnest($2::bigint[], $3::lineage_relation[], $4::float8[], $5::bigint[], $6::evidence_origin[], $7::text[],
                   $8::text[], $9::text[], $10::timestamptz[], $11::real[])
         WITH ORDINALITY AS u(s, r, w, t, o, j, d, c, ob, cf, n)
       ORDER BY n
       RETURNING id`,
      [
        derivedId,
        drafts.map((d) => d.sourceId),
        drafts.map((d) => d.relation),
        drafts.map((d) => d.mergeWeight),
        drafts.map((d) => d.trainingRunId),
        drafts.map((d) => d.evidence.origin),
        drafts.map((d) => d.evidence.justification),
        drafts.map((d) => d.evidence.documentRef),
        drafts.map((d) => d.evidence.collector),
        drafts.map((d) => d.evidence.observedAt),
        drafts.map((d) => d.evidence.confidence),
        recordedBy,
      ],
    );
    return rows.map((r) => String(r.id));
  }

  /** An active edge making exactly this claim (same endpoints, relation, weight and evidence), if any. */
  async findSameActiveClaim(derivedId: string, draft: EdgeDraft): Promise<string | null> {
    const row = await this.db.one<{ id: string }>(
      `SELECT e.id FROM lineage_edge e
       WHERE e.derived_id = $1 AND e.source_id = $2 AND e.relation = $3 AND e.merge_weight IS NOT DISTINCT FROM $4
         AND e.origin = $5 AND e.justification = $6 AND e.document_ref IS NOT DISTINCT FROM $7
         AND NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id)
       ORDER BY e.id LIMIT 1`,
      [derivedId, draft.sourceId, draft.relation, draft.mergeWeight, draft.evidence.origin, draft.evidence.justification, draft.evidence.documentRef],
    );
    return row ? String(row.id) : null;
  }

  async findByIds(ids: readonly string[]): Promise<LineageEdgeRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${EDGE_COLUMNS} FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id WHERE e.id = ANY($1::bigint[])`,
      [ids],
    );
    return rows.map(toRecord);
  }

  async findActiveByDerived(ids: readonly string[], relation: Relation): Promise<LineageEdgeRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${EDGE_COLUMNS} FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id
       WHERE e.derived_id = ANY($1::bigint[]) AND e.relation = $2 AND r.id IS NULL ORDER BY e.id`,
      [ids, relation],
    );
    return rows.map(toRecord);
  }

  async findByTrainingRuns(runIds: readonly string[]): Promise<LineageEdgeRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${EDGE_COLUMNS} FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id
       WHERE e.training_run_id = ANY($1::bigint[]) AND r.id IS NULL ORDER BY e.id`,
      [runIds],
    );
    return rows.map(toRecord);
  }

  async page(filter: EdgeFilter, page: PageRequest): Promise<Page<LineageEdgeRecord>> {
    const where = `($1::lineage_relation IS NULL OR e.relation = $1) AND ($2::bigint IS NULL OR e.derived_id = $2)
      AND ($3::bigint IS NULL OR e.source_id = $3) AND ($4 OR r.id IS NULL)`;
    const params = [filter.relation ?? null, filter.derivedId ?? null, filter.sourceId ?? null, filter.includeRetracted];
    const [rows, count] = await Promise.all([
      this.db.query<Row>(
        `SELECT ${EDGE_COLUMNS} FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id
         WHERE ${where} AND ($5::bigint IS NULL OR e.id > $5) ORDER BY e.id LIMIT $6`,
        [...params, page.afterId, page.limit + 1],
      ),
      this.db.one<{ n: string }>(
        `SELECT count(*) AS n FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id WHERE ${where}`,
        params,
      ),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }

  /** Returns false when the edge was already retracted (the unique edge_id keeps one retraction per edge). */
  async retract(edgeId: string, evidence: Evidence, recordedBy: string): Promise<boolean> {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO lineage_retraction(edge_id, origin, justification, document_ref, collector, observed_at, confidence, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (edge_id) DO NOTHING RETURNING id`,
      [edgeId, evidence.origin, evidence.justification, evidence.documentRef, evidence.collector, evidence.observedAt, evidence.confidence, recordedBy],
    );
    return row !== null;
  }
}
