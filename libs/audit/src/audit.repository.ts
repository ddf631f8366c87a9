import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@pedigree/core';
import { Db, selectList } from '@pedigree/database';
import { AuditEventEntity } from './audit-event.entity';
import { AuditEventInput, normalizeAuditInput } from './audit-event';
import { StoredEvent } from './audit-hash';
import { AuditTreeHeadEntity } from './audit-tree-head.entity';

export interface AuditEventRecord {
  id: string;
  occurredAt: Date;
  occurredAtUtc: string;
  actorTokenId: string | null;
  actor: string;
  operation: string;
  inputDigest: string;
  touchedIds: string[];
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
  hashVersion: number | null;
}

/** What toRecord reads (not chained_at). */
const COLUMNS = [
  'id',
  'occurred_at',
  'actor_token_id',
  'actor',
  'operation',
  'input_digest',
  'touched_ids',
  'seq',
  'prev_hash',
  'hash',
  'hash_version',
] as const satisfies readonly (keyof AuditEventEntity)[];
/**
 * occurred_at also as text rendered by PostgreSQL: a JS Date keeps milliseconds and the column
 * has microseconds, which hash version 2 covers. Fixed UTC form, whatever the session time zone.
 */
type EventRow = Pick<AuditEventEntity, (typeof COLUMNS)[number]> & { occurred_at_utc: string };
const SELECT = `${selectList('e', COLUMNS)}, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_utc`;

const toRecord = (r: EventRow): AuditEventRecord => ({
  id: String(r.id),
  occurredAt: r.occurred_at,
  occurredAtUtc: r.occurred_at_utc,
  actorTokenId: r.actor_token_id === null ? null : String(r.actor_token_id),
  actor: r.actor,
  operation: r.operation,
  inputDigest: r.input_digest,
  touchedIds: r.touched_ids,
  seq: r.seq === null ? null : Number(r.seq),
  prevHash: r.prev_hash,
  hash: r.hash,
  // A row still pending when the version column was added reads 1 until the chainer completes it.
  hashVersion: r.seq === null || r.hash_version === null ? null : Number(r.hash_version),
});

export interface AuditFilter {
  operation?: string | null;
  actorTokenId?: string | null;
  touchedId?: string | null;
  since?: Date | null;
  until?: Date | null;
}

export interface TreeHeadRecord {
  id: string;
  size: number;
  headHash: string;
  signedAt: Date;
  signature: string;
  publicKey: string;
}

/** A single, fixed key: only one process chains at a time, across instances. */
const CHAIN_LOCK = 7_312_003;
const SELF_CHECK_LOCK = 7_312_004;

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Returns the new event's id, which the alerts outbox links to. */
  async append(input: AuditEventInput): Promise<string> {
    const e = normalizeAuditInput(input);
    const [row] = await this.db.prepared<{ id: string }>(
      `INSERT INTO audit_event(actor_token_id, actor, operation, input_digest, touched_ids) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [e.actorTokenId, e.actor, e.operation, e.inputDigest, e.touchedIds],
    );
    return String(row.id);
  }

  /**
   * Many events in one statement, ids in input order (the chainer sequences by id, so the trail
   * reads as if they had been appended one by one).
   */
  async appendMany(inputs: readonly AuditEventInput[]): Promise<string[]> {
    if (!inputs.length) return [];
    const rows = inputs.map(normalizeAuditInput).map((e) => ({
      actor_token_id: e.actorTokenId,
      actor: e.actor,
      operation: e.operation,
      input_digest: e.inputDigest,
      touched_ids: e.touchedIds,
    }));
    const inserted = await this.db.prepared<{ id: string }>(
      `INSERT INTO audit_event(actor_token_id, actor, operation, input_digest, touched_ids)
       SELECT d.actor_token_id, d.actor, d.operation, d.input_digest, d.touched_ids
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (actor_token_id bigint, actor text, operation text, input_digest text, touched_ids text[]))
         WITH ORDINALITY AS d(actor_token_id, actor, operation, input_digest, touched_ids, n)
       ORDER BY d.n
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    return inserted.map((r) => String(r.id));
  }

  async trySelfCheckLock(): Promise<boolean> {
    return (await this.db.one<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [SELF_CHECK_LOCK]))!.ok;
  }

  async tryChainLock(): Promise<boolean> {
    return (await this.db.one<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [CHAIN_LOCK]))!.ok;
  }

  async head(): Promise<{ seq: number; hash: string } | null> {
    // A chained event: the chainer sets seq and hash together.
    const row = await this.db.one<{ seq: string; hash: string }>(`SELECT seq, hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  async unchained(limit: number): Promise<AuditEventRecord[]> {
    return (await this.db.query<EventRow>(`SELECT ${SELECT} FROM audit_event e WHERE e.seq IS NULL ORDER BY e.id LIMIT $1`, [limit])).map(toRecord);
  }

  async setChain(rows: { id: string; seq: number; prevHash: string; hash: string; hashVersion: number }[]): Promise<void> {
    if (!rows.length) return;
    await this.db.query(
      `UPDATE audit_event e SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash, hash_version = u.hash_version, chained_at = now()
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::smallint[]) AS u(id, seq, prev_hash, hash, hash_version) WHERE e.id = u.id`,
      [rows.map((r) => r.id), rows.map((r) => r.seq), rows.map((r) => r.prevHash), rows.map((r) => r.hash), rows.map((r) => r.hashVersion)],
    );
  }

  async chainedAfter(seq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(`SELECT ${SELECT} FROM audit_event e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`, [seq, limit]);
    return rows.map((r) => {
      const e = toRecord(r);
      return { ...e, seq: e.seq!, prevHash: e.prevHash!, hash: e.hash! };
    });
  }

  async pendingCount(): Promise<number> {
    return Number((await this.db.one<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE seq IS NULL`))!.n);
  }

  async page(f: AuditFilter, page: PageRequest): Promise<Page<AuditEventRecord>> {
    const where = `($1::text IS NULL OR operation = $1) AND ($2::bigint IS NULL OR actor_token_id = $2)
      AND ($3::text IS NULL OR $3 = ANY(touched_ids)) AND ($4::timestamptz IS NULL OR occurred_at >= $4) AND ($5::timestamptz IS NULL OR occurred_at < $5)`;
    const params = [f.operation ?? null, f.actorTokenId ?? null, f.touchedId ?? null, f.since ?? null, f.until ?? null];
    const [rows, count] = await Promise.all([
      this.db.query<EventRow>(`SELECT ${SELECT} FROM audit_event e WHERE ${where} AND ($6::bigint IS NULL OR e.id > $6) ORDER BY e.id LIMIT $7`, [
        ...params,
        page.afterId,
        page.limit + 1,
      ]),
      this.db.one<{ n: string }>(`SELECT count(*) AS n FROM audit_event e WHERE ${where}`, params),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }

  async insertHead(h: Omit<TreeHeadRecord, 'id'>): Promise<TreeHeadRecord> {
    const row = await this.db.one<Pick<AuditTreeHeadEntity, 'id'>>(
      `INSERT INTO audit_tree_head(size, head_hash, signed_at, signature, public_key) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [h.size, h.headHash, h.signedAt, h.signature, h.publicKey],
    );
    return { id: String(row!.id), ...h };
  }

  async heads(limit: number): Promise<TreeHeadRecord[]> {
    const rows = await this.db.query<AuditTreeHeadEntity>(
      `SELECT id, size, head_hash, signed_at, signature, public_key FROM audit_tree_head ORDER BY id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      size: Number(r.size),
      headHash: r.head_hash,
      signedAt: r.signed_at,
      signature: r.signature,
      publicKey: r.public_key,
    }));
  }
}
