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

/** Every change one transaction queued: they are judged together. */
export interface QueuedTransaction {
  tx: string;
  changes: QueuedExposureChange[];
  /** The transaction's last audit event, which its exposure events link to. */
  auditEventId: string | null;
}

type ClaimRow = Pick<ExposureChangeEntity, 'id' | 'change' | 'audit_event_id'> & { edge_id: string; derived_id: string; source_id: string; relation: Relation };

/** Advisory lock class of a queued transaction's changes (the two-key form: its own key space). */
const TRANSACTION_LOCK_CLASS = 7_312_005;
/** Transactions looked at per claim; more than one, so an instance can pass those others hold. */
const CANDIDATES = 16;

/**
 * The exposure change queue. A transaction's changes are claimed together under an advisory lock
 * on that transaction and deleted in the caller's transaction, which also appends their events: a
 * crash rolls both back, and no other instance takes changes one instance holds, so each
 * transaction's events are written once. (Row locks with SKIP LOCKED would let two instances split
 * one transaction's changes between them.)
 */
@Injectable()
export class ExposureChangeRepository {
  constructor(private readonly db: Db) {}

  async claim(): Promise<QueuedTransaction | null> {
    const candidates = await this.db.query<{ tx: string }>(
      `SELECT queued_tx::text AS tx FROM exposure_change WHERE dead_at IS NULL GROUP BY queued_tx ORDER BY max(attempts), min(id) LIMIT ${CANDIDATES}`,
    );
    for (const { tx } of candidates) {
      const lock = await this.db.one<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1, ($2::bigint % 2147483647)::int) AS ok`, [
        TRANSACTION_LOCK_CLASS,
        tx,
      ]);
      if (!lock?.ok) continue;
      // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count]. Empty when
      // another instance finished this transaction since the candidates were read.
      const rows = await this.db.query<ClaimRow>(
        `WITH claimed AS (DELETE FROM exposure_change WHERE queued_tx = $1 AND dead_at IS NULL RETURNING id, edge_id, change, audit_event_id)
         SELECT c.id, c.change, c.audit_event_id, e.id AS edge_id, e.derived_id, e.source_id, e.relation
         FROM claimed c JOIN lineage_edge e ON e.id = c.edge_id ORDER BY c.id`,
        [tx],
      );
      if (!rows.length) continue;
      const changes = rows.map((r) => ({
        id: String(r.id),
        change: r.change,
        edge: { id: String(r.edge_id), derivedId: String(r.derived_id), sourceId: String(r.source_id), relation: r.relation },
        auditEventId: r.audit_event_id === null ? null : String(r.audit_event_id),
      }));
      const audited = changes.map((c) => c.auditEventId).filter((a): a is string => a !== null);
      return { tx, changes, auditEventId: audited.length ? audited.reduce((a, b) => (BigInt(b) > BigInt(a) ? b : a)) : null };
    }
    return null;
  }

  /**
   * A failed attempt at a transaction's changes (its own transaction: the attempt's rolled back).
   * At `maxAttempts` they are dead-lettered. True when that happened now.
   */
  async failed(tx: string, error: string, maxAttempts: number): Promise<boolean> {
    const rows = await this.db.query<{ dead: boolean }>(
      `WITH u AS (UPDATE exposure_change SET attempts = attempts + 1, last_error = left($2, 2000),
                    dead_at = CASE WHEN attempts + 1 >= $3 THEN now() END
                  WHERE queued_tx = $1 AND dead_at IS NULL RETURNING dead_at IS NOT NULL AS dead)
       SELECT bool_or(dead) AS dead FROM u`,
      [tx, error, maxAttempts],
    );
    return rows[0]?.dead === true;
  }
}
