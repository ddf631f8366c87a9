import { Injectable } from '@nestjs/common';
import { EdgeRef, Relation } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { EdgeChange } from '../rules/edge-toggle';
import { ExposureChangeEntity } from './exposure-change.entity';

export interface QueuedExposureChange {
  id: string;
  change: EdgeChange;
  edge: EdgeRef;
  auditEventId: string | null;
}

type ClaimRow = Pick<ExposureChangeEntity, 'id' | 'change' | 'audit_event_id'> & { edge_id: string; derived_id: string; source_id: string; relation: Relation };

/**
 * The exposure change queue. A change is claimed with FOR UPDATE SKIP LOCKED and deleted in the
 * caller's transaction, which also appends its events: a crash rolls both back, and no other
 * instance sees a change one instance holds, so each change's events are written once.
 */
@Injectable()
export class ExposureChangeRepository {
  constructor(private readonly db: Db) {}

  async claim(): Promise<QueuedExposureChange | null> {
    const r = await this.db.one<ClaimRow>(
      // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      `WITH claimed AS (
         DELETE FROM exposure_change WHERE id = (SELECT id FROM exposure_change ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id, edge_id, change, audit_event_id)
       SELECT c.id, c.change, c.audit_event_id, e.id AS edge_id, e.derived_id, e.source_id, e.relation
       FROM claimed c JOIN lineage_edge e ON e.id = c.edge_id`,
    );
    if (!r) return null;
    return {
      id: String(r.id),
      change: r.change,
      edge: { id: String(r.edge_id), derivedId: String(r.derived_id), sourceId: String(r.source_id), relation: r.relation },
      auditEventId: r.audit_event_id === null ? null : String(r.audit_event_id),
    };
  }

  /** Deployments running exactly these nodes (a model's checkpoints are nodes of their own), by id. */
  async deploymentsOn(nodeIds: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (!nodeIds.length) return [];
    const rows = await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM deployment WHERE node_id = ANY($1::bigint[]) ORDER BY id`, [nodeIds]);
    return rows.map((r) => ({ id: String(r.id), name: r.name }));
  }
}
