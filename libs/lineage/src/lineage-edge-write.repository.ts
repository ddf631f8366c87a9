import { Injectable } from '@nestjs/common';
import { Evidence } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { EdgeDraft } from './lineage-edge.record';

/** Arbitrary but fixed: serializes edge writes between existing nodes, the only writes that can close a cycle. */
const LINEAGE_WRITE_LOCK = 7_312_001;

/**
 * The raw edge writes. Internal to this library: only LineageWriter (which checks endpoints and
 * cycles under the lock) and LineageService call it, so no caller can skip the cycle check.
 */
@Injectable()
export class LineageEdgeWriteRepository {
  constructor(private readonly db: Db) {}

  /** Held until commit; must run inside a READ COMMITTED transaction so later reads see the previous holder's edges. */
  async lockLineageWrites(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock($1)`, [LINEAGE_WRITE_LOCK]);
  }

  async insert(derivedId: string, drafts: readonly EdgeDraft[], recordedBy: string): Promise<string[]> {
    return this.insertMany(drafts.map((d) => ({ ...d, derivedId, recordedBy })));
  }

  /** Edges into several derived nodes, each with its own recorder, in one statement. Ids in input order. */
  async insertMany(drafts: readonly (EdgeDraft & { derivedId: string; recordedBy: string })[]): Promise<string[]> {
    if (!drafts.length) return [];
    const rows = await this.db.prepared<{ id: string }>(
      `INSERT INTO lineage_edge(derived_id, source_id, relation, merge_weight, training_run_id, origin, justification,
         document_ref, collector, observed_at, confidence, recorded_by, teacher_snapshot, used_from, used_to, auxiliary_role)
       SELECT dv, s, r, w, t, o, j, d, c, ob, cf, rb, ts, uf, ut, ar
       FROM unnest($1::bigint[], $2::bigint[], $3::lineage_relation[], $4::float8[], $5::bigint[], $6::evidence_origin[], $7::text[],
                   $8::text[], $9::text[], $10::timestamptz[], $11::real[], $12::text[], $13::text[], $14::date[], $15::date[], $16::auxiliary_role[])
         WITH ORDINALITY AS u(dv, s, r, w, t, o, j, d, c, ob, cf, rb, ts, uf, ut, ar, n)
       ORDER BY n
       RETURNING id`,
      [
        drafts.map((d) => d.derivedId),
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
        drafts.map((d) => d.recordedBy),
        drafts.map((d) => d.teacherSnapshot ?? null),
        drafts.map((d) => d.usedFrom ?? null),
        drafts.map((d) => d.usedTo ?? null),
        drafts.map((d) => d.auxiliaryRole ?? null),
      ],
    );
    return rows.map((r) => String(r.id));
  }

  /** An active edge making exactly this claim (same endpoints, relation, weight, teacher use, role and evidence), if any. */
  async findSameActiveClaim(derivedId: string, draft: EdgeDraft): Promise<string | null> {
    const row = await this.db.one<{ id: string }>(
      `SELECT e.id FROM lineage_edge e
       WHERE e.derived_id = $1 AND e.source_id = $2 AND e.relation = $3 AND e.merge_weight IS NOT DISTINCT FROM $4
         AND e.origin = $5 AND e.justification = $6 AND e.document_ref IS NOT DISTINCT FROM $7
         AND e.teacher_snapshot IS NOT DISTINCT FROM $8::text AND e.used_from IS NOT DISTINCT FROM $9::date
         AND e.used_to IS NOT DISTINCT FROM $10::date AND e.auxiliary_role IS NOT DISTINCT FROM $11::auxiliary_role
         AND NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id)
       ORDER BY e.id LIMIT 1`,
      [
        derivedId,
        draft.sourceId,
        draft.relation,
        draft.mergeWeight,
        draft.evidence.origin,
        draft.evidence.justification,
        draft.evidence.documentRef,
        draft.teacherSnapshot ?? null,
        draft.usedFrom ?? null,
        draft.usedTo ?? null,
        draft.auxiliaryRole ?? null,
      ],
    );
    return row ? String(row.id) : null;
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
