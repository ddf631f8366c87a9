import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { AuditEventEntity } from './audit-event.entity';

/** A claim to find the audit event of: any of the ids its mutation touched, the operations that write it, when it was recorded. */
export interface AuditedClaim {
  touchedIds: readonly string[];
  operations: readonly string[];
  recordedAt: Date;
}

export interface AuditCause {
  id: string;
  operation: string;
  actor: string;
  occurredAt: Date;
}

type CauseRow = Pick<AuditEventEntity, 'id' | 'operation' | 'actor' | 'occurred_at'> & { i: string };

/**
 * The audit event that recorded each claim: the first event of one of its operations touching one
 * of its ids at or after its recording and within the hour after it (a claim is recorded at its
 * transaction's start, its event later in the same transaction). One statement for any number of claims, on the touched-ids index.
 */
@Injectable()
export class AuditCauseRepository {
  constructor(private readonly db: Db) {}

  async causes(claims: readonly AuditedClaim[]): Promise<(AuditCause | null)[]> {
    if (!claims.length) return [];
    const rows = await this.db.query<CauseRow>(
      `SELECT c.i, a.id, a.operation, a.actor, a.occurred_at
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS c(claim, i)
       JOIN LATERAL (
         SELECT a.id, a.operation, a.actor, a.occurred_at FROM audit_event a
         WHERE a.touched_ids && ARRAY(SELECT jsonb_array_elements_text(c.claim->'ids'))
           AND a.operation IN (SELECT jsonb_array_elements_text(c.claim->'ops'))
           AND a.occurred_at >= (c.claim->>'at')::timestamptz
           -- In the claim's own transaction; without the bound a claim whose event was never written
           -- (audit off, seeded rows) would take a later, unrelated event touching the same number.
           AND a.occurred_at < (c.claim->>'at')::timestamptz + interval '1 hour'
         ORDER BY a.id LIMIT 1
       ) a ON true`,
      [JSON.stringify(claims.map((c) => ({ ids: c.touchedIds, ops: c.operations, at: c.recordedAt.toISOString() })))],
    );
    const found = new Map(rows.map((r) => [Number(r.i) - 1, { id: String(r.id), operation: r.operation, actor: r.actor, occurredAt: r.occurred_at }]));
    return claims.map((_, i) => found.get(i) ?? null);
  }
}
