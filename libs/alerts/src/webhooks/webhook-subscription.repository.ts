import { Injectable } from '@nestjs/common';
import { Db, selectList } from '@pedigree/database';
import { DigestPeriod, WebhookSubscriptionEntity } from '../webhook.entity';

export interface WebhookSubscriptionRecord {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  filter: string | null;
  enabled: boolean;
  disabledReason: string | null;
  digest: DigestPeriod | null;
  lastDigestAt: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  /** Whether a previous secret still signs (rotation overlap), and until when. */
  previousSecretUntil: Date | null;
}

const COLUMNS = [
  'id',
  'name',
  'url',
  'event_types',
  'filter',
  'enabled',
  'disabled_reason',
  'digest',
  'last_digest_at',
  'created_at',
  'created_by',
  'updated_at',
  'previous_secret_until',
] as const satisfies readonly (keyof WebhookSubscriptionEntity)[];
type Row = Pick<WebhookSubscriptionEntity, (typeof COLUMNS)[number]>;
const SELECT = selectList('s', COLUMNS);

const toRecord = (r: Row): WebhookSubscriptionRecord => ({
  id: String(r.id),
  name: r.name,
  url: r.url,
  eventTypes: r.event_types,
  filter: r.filter,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  digest: r.digest,
  lastDigestAt: r.last_digest_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  previousSecretUntil: r.previous_secret_until && r.previous_secret_until > new Date() ? r.previous_secret_until : null,
});

export interface SubscriptionWrite {
  name: string;
  url: string;
  eventTypes: string[];
  filter: string | null;
  enabled: boolean;
  digest: DigestPeriod | null;
}

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(private readonly db: Db) {}

  /** Null when the name is taken. */
  async insert(w: SubscriptionWrite, secret: string, createdBy: string): Promise<WebhookSubscriptionRecord | null> {
    const row = await this.db.one<Row>(
      `INSERT INTO webhook_subscription(name, url, event_types, filter, enabled, digest, secret, created_by, last_digest_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $6::digest_period IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS.join(', ')}`,
      [w.name, w.url, w.eventTypes, w.filter, w.enabled, w.digest, secret, createdBy],
    );
    return row ? toRecord(row) : null;
  }

  /** Locks the row for the caller's transaction: edits of one subscription take turns. */
  async lock(id: string): Promise<WebhookSubscriptionRecord | null> {
    const row = await this.db.one<Row>(`SELECT ${SELECT} FROM webhook_subscription s WHERE s.id = $1 FOR UPDATE`, [id]);
    return row ? toRecord(row) : null;
  }

  /** Null when another subscription took the name meanwhile (the unique key decides a race). */
  async update(id: string, w: SubscriptionWrite): Promise<WebhookSubscriptionRecord | null> {
    const row = await this.db
      .one<Row>(
        // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
        `WITH u AS (UPDATE webhook_subscription SET name = $2, url = $3, event_types = $4, filter = $5, enabled = $6, digest = $7,
         disabled_reason = CASE WHEN $6 THEN NULL ELSE coalesce(disabled_reason, 'disabled by an administrator') END,
         last_digest_at = CASE WHEN $7::digest_period IS NULL THEN NULL ELSE coalesce(last_digest_at, now()) END,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS.join(', ')}) SELECT * FROM u`,
        [id, w.name, w.url, w.eventTypes, w.filter, w.enabled, w.digest],
      )
      .catch((e: { driverError?: { code?: string; constraint?: string } }) => {
        if (e.driverError?.code === '23505' && e.driverError.constraint === 'webhook_subscription_name_key') return null;
        throw e;
      });
    return row ? toRecord(row) : null;
  }

  async rotate(id: string, secret: string, overlapHours: number): Promise<WebhookSubscriptionRecord> {
    const row = await this.db.one<Row>(
      `WITH u AS (UPDATE webhook_subscription SET previous_secret = secret, previous_secret_until = now() + make_interval(hours => $3),
         secret = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS.join(', ')}) SELECT * FROM u`,
      [id, secret, overlapHours],
    );
    return toRecord(row!);
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM webhook_subscription WHERE id = $1`, [id]);
  }

  /** The receiver answered 410 Gone: no more events are queued for it until it is enabled again. */
  async disable(id: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE webhook_subscription SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  async findByIds(ids: readonly string[]): Promise<WebhookSubscriptionRecord[]> {
    return (await this.db.query<Row>(`SELECT ${SELECT} FROM webhook_subscription s WHERE s.id = ANY($1::bigint[])`, [ids])).map(toRecord);
  }

  async findByName(name: string): Promise<WebhookSubscriptionRecord | null> {
    const row = await this.db.one<Row>(`SELECT ${SELECT} FROM webhook_subscription s WHERE s.name = $1`, [name]);
    return row ? toRecord(row) : null;
  }

  async list(): Promise<WebhookSubscriptionRecord[]> {
    return (await this.db.query<Row>(`SELECT ${SELECT} FROM webhook_subscription s ORDER BY s.id`)).map(toRecord);
  }
}
