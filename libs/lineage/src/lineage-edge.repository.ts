import { Injectable } from '@nestjs/common';
import { Evidence, Page, PageRequest, Relation } from '@pedigree/core';
import { Db, JoinedColumns } from '@pedigree/database';
import { LineageEdgeEntity } from './lineage-edge.entity';
import { LineageEdgeRecord } from './lineage-edge.record';
import { LineageRetractionEntity } from './lineage-retraction.entity';

const EDGE_COLUMNS = `
  e.id, e.derived_id, e.source_id, e.relation, e.merge_weight, e.training_run_id, e.teacher_snapshot,
  e.used_from::text AS used_from, e.used_to::text AS used_to, e.auxiliary_role, e.origin, e.justification,
  e.document_ref, e.collector, e.observed_at, e.confidence, e.recorded_at, e.recorded_by,
  r.id AS r_id, r.origin AS r_origin, r.justification AS r_justification, r.document_ref AS r_document_ref,
  r.collector AS r_collector, r.observed_at AS r_observed_at, r.confidence AS r_confidence,
  r.recorded_at AS r_recorded_at, r.recorded_by AS r_recorded_by`;

type EvidenceColumns = Pick<LineageEdgeEntity, 'origin' | 'justification' | 'document_ref' | 'collector' | 'observed_at' | 'confidence'>;

/** An edge with its retraction, if any (left-joined, as r_…). */
type EdgeRow = Pick<
  LineageEdgeEntity,
  | 'id'
  | 'derived_id'
  | 'source_id'
  | 'relation'
  | 'merge_weight'
  | 'training_run_id'
  | 'teacher_snapshot'
  | 'used_from'
  | 'used_to'
  | 'auxiliary_role'
  | 'recorded_at'
  | 'recorded_by'
> &
  EvidenceColumns &
  JoinedColumns<'r_', Pick<LineageRetractionEntity, 'id' | keyof EvidenceColumns | 'recorded_at' | 'recorded_by'>>;

function evidenceFrom(e: EvidenceColumns): Evidence {
  return {
    origin: e.origin,
    justification: e.justification,
    documentRef: e.document_ref,
    collector: e.collector,
    observedAt: e.observed_at,
    confidence: Number(e.confidence),
  };
}

/** The retraction's evidence; its columns are all set when r_id is. */
function retractionEvidence(row: EdgeRow): Evidence {
  return evidenceFrom({
    origin: row.r_origin!,
    justification: row.r_justification!,
    document_ref: row.r_document_ref,
    collector: row.r_collector,
    observed_at: row.r_observed_at!,
    confidence: row.r_confidence!,
  });
}

function toRecord(row: EdgeRow): LineageEdgeRecord {
  return {
    id: String(row.id),
    derivedId: String(row.derived_id),
    sourceId: String(row.source_id),
    relation: row.relation,
    mergeWeight: row.merge_weight === null ? null : Number(row.merge_weight),
    trainingRunId: row.training_run_id === null ? null : String(row.training_run_id),
    teacherSnapshot: row.teacher_snapshot,
    usedFrom: row.used_from,
    usedTo: row.used_to,
    auxiliaryRole: row.auxiliary_role,
    evidence: evidenceFrom(row),
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    retraction: row.r_id ? { id: String(row.r_id), evidence: retractionEvidence(row), recordedAt: row.r_recorded_at!, recordedBy: row.r_recorded_by! } : null,
  };
}

export interface EdgeFilter {
  relation?: Relation | null;
  derivedId?: string | null;
  sourceId?: string | null;
  includeRetracted: boolean;
}

/** Reads of lineage edges with their evidence; writes go through LineageWriter only. */
@Injectable()
export class LineageEdgeRepository {
  constructor(private readonly db: Db) {}

  async findByIds(ids: readonly string[]): Promise<LineageEdgeRecord[]> {
    const rows = await this.db.query<EdgeRow>(
      `SELECT ${EDGE_COLUMNS} FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id WHERE e.id = ANY($1::bigint[])`,
      [ids],
    );
    return rows.map(toRecord);
  }

  async findActiveByDerived(ids: readonly string[], relation: Relation): Promise<LineageEdgeRecord[]> {
    const rows = await this.db.query<EdgeRow>(
      `SELECT ${EDGE_COLUMNS} FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id
       WHERE e.derived_id = ANY($1::bigint[]) AND e.relation = $2 AND r.id IS NULL ORDER BY e.id`,
      [ids, relation],
    );
    return rows.map(toRecord);
  }

  async findByTrainingRuns(runIds: readonly string[]): Promise<LineageEdgeRecord[]> {
    const rows = await this.db.query<EdgeRow>(
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
      this.db.query<EdgeRow>(
        `SELECT ${EDGE_COLUMNS} FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id
         WHERE ${where} AND ($5::bigint IS NULL OR e.id > $5) ORDER BY e.id LIMIT $6`,
        [...params, page.afterId, page.limit + 1],
      ),
      this.db.one<{ n: string }>(`SELECT count(*) AS n FROM lineage_edge e LEFT JOIN lineage_retraction r ON r.edge_id = e.id WHERE ${where}`, params),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }
}
