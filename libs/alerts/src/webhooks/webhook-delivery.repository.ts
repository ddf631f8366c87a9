import { Injectable } from '@nestjs/common';
import { Db, selectList } from '@pedigree/database';
import { DeliveryStatus, WebhookAttemptEntity, WebhookDeliveryEntity } from '../webhook.entity';

export interface WebhookDeliveryRecord {
  id: string;
  subscriptionId: string;
  /** The event's public id (uuid), sent as `webhook-id`. */
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

export interface WebhookAttemptRecord {
  id: string;
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  outcome: string;
  error: string | null;
}

/** A delivery this instance leased: send it, then record the outcome. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  attempt: number;
}

const COLUMNS = [
  'id',
  'subscription_id',
  'event_id',
  'status',
  'attempts',
  'next_attempt_at',
  'last_status_code',
  'last_error',
  'created_at',
  'completed_at',
] as const satisfies readonly (keyof WebhookDeliveryEntity)[];
type Row = Pick<WebhookDeliveryEntity, (typeof COLUMNS)[number]> & { event_uuid: string; event_type: string };
const SELECT = `${selectList('d', COLUMNS)}, o.event_id AS event_uuid, o.type AS event_type`;
const FROM = `webhook_delivery d JOIN event_outbox o ON o.id = d.event_id`;
const toRecord = (r: Row): WebhookDeliveryRecord => ({
  id: String(r.id),
  subscriptionId: String(r.subscription_id),
  eventId: r.event_uuid,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === DeliveryStatus.PENDING ? r.next_attempt_at : null,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

type AttemptRow = Pick<WebhookAttemptEntity, 'id' | 'delivery_id' | 'attempt' | 'attempted_at' | 'status_code' | 'latency_ms' | 'outcome' | 'error'>;

export interface DeliveryFilter {
  subscriptionId?: string | null;
  status?: DeliveryStatus | null;
  eventId?: string | null;
}

export interface AttemptOutcome {
  deliveryId: string;
  attempt: number;
  statusCode: number | null;
  latencyMs: number;
  outcome: 'DELIVERED' | 'FAILED' | 'GONE' | 'REFUSED';
  error: string | null;
  /** Null when no attempt follows (delivered, gone, or the last one failed). */
  retryInMs: number | null;
}

@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Leases due deliveries of enabled subscriptions. SKIP LOCKED lets instances claim side by side
   * without waiting on each other; the lease (not a held transaction) keeps a delivery from being
   * sent twice while its attempt runs, and lets another instance retry it if this one dies.
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db.prepared<{ id: string; subscription_id: string; event_id: string; attempts: number }>(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH u AS (UPDATE webhook_delivery d SET attempts = d.attempts + 1, leased_until = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
       WHERE d.id IN (
         SELECT c.id FROM webhook_delivery c JOIN webhook_subscription s ON s.id = c.subscription_id AND s.enabled
         WHERE c.status = 'PENDING' AND c.next_attempt_at <= clock_timestamp() AND (c.leased_until IS NULL OR c.leased_until < clock_timestamp())
         ORDER BY c.next_attempt_at, c.id LIMIT $1 FOR UPDATE OF c SKIP LOCKED)
       RETURNING d.id, d.subscription_id, d.event_id, d.attempts) SELECT * FROM u`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({ id: String(r.id), subscriptionId: String(r.subscription_id), eventId: String(r.event_id), attempt: r.attempts }));
  }

  /** The attempt's row and the delivery's new state, in the caller's transaction. */
  async recordAttempt(o: AttemptOutcome): Promise<void> {
    await this.db.prepared(`INSERT INTO webhook_attempt(delivery_id, attempt, status_code, latency_ms, outcome, error) VALUES ($1, $2, $3, $4, $5, $6)`, [
      o.deliveryId,
      o.attempt,
      o.statusCode,
      o.latencyMs,
      o.outcome,
      o.error,
    ]);
    const status = o.outcome === 'DELIVERED' ? DeliveryStatus.DELIVERED : o.retryInMs === null ? DeliveryStatus.DEAD : DeliveryStatus.PENDING;
    await this.db.prepared(
      `UPDATE webhook_delivery SET status = $2::webhook_delivery_status, last_status_code = $3, last_error = $4, leased_until = NULL,
         next_attempt_at = CASE WHEN $5::bigint IS NULL THEN next_attempt_at ELSE clock_timestamp() + make_interval(secs => $5::double precision / 1000) END,
         completed_at = CASE WHEN $2::webhook_delivery_status = 'PENDING' THEN NULL ELSE clock_timestamp() END
       WHERE id = $1`,
      [o.deliveryId, status, o.statusCode, o.error, o.retryInMs],
    );
  }

  /** The subscription's filter did not match: nothing is sent. */
  async markFiltered(id: string, note: string | null): Promise<void> {
    await this.db.prepared(
      `UPDATE webhook_delivery SET status = 'FILTERED', leased_until = NULL, last_error = $2, completed_at = clock_timestamp() WHERE id = $1`,
      [id, note],
    );
  }

  /** A dead-lettered (or filtered) delivery goes back to the queue with a fresh set of attempts. */
  async replay(id: string): Promise<boolean> {
    const rows = await this.db.query(
      `WITH u AS (UPDATE webhook_delivery d SET status = 'PENDING', attempts = 0, next_attempt_at = clock_timestamp(), leased_until = NULL, completed_at = NULL
       WHERE d.id = $1 AND d.status IN ('DEAD', 'FILTERED') RETURNING d.id) SELECT id FROM u`,
      [id],
    );
    return rows.length > 0;
  }

  async insertFor(subscriptionId: string, eventId: string): Promise<void> {
    await this.db.query(`INSERT INTO webhook_delivery(subscription_id, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [subscriptionId, eventId]);
  }

  async findByIds(ids: readonly string[]): Promise<WebhookDeliveryRecord[]> {
    return (await this.db.query<Row>(`SELECT ${SELECT} FROM ${FROM} WHERE d.id = ANY($1::bigint[]) ORDER BY d.id`, [ids])).map(toRecord);
  }

  async page(filter: DeliveryFilter, beforeId: string | null, limit: number): Promise<{ items: WebhookDeliveryRecord[]; hasNextPage: boolean }> {
    const rows = await this.db.query<Row>(
      `SELECT ${SELECT} FROM ${FROM}
       WHERE ($1::bigint IS NULL OR d.subscription_id = $1) AND ($2::webhook_delivery_status IS NULL OR d.status = $2)
         AND ($3::uuid IS NULL OR o.event_id = $3)
         AND ($4::bigint IS NULL OR d.id < $4)
       ORDER BY d.id DESC LIMIT $5`,
      [filter.subscriptionId ?? null, filter.status ?? null, filter.eventId ?? null, beforeId, limit + 1],
    );
    return { items: rows.slice(0, limit).map(toRecord), hasNextPage: rows.length > limit };
  }

  async attemptsOf(deliveryIds: readonly string[]): Promise<WebhookAttemptRecord[]> {
    const rows = await this.db.query<AttemptRow>(
      `SELECT id, delivery_id, attempt, attempted_at, status_code, latency_ms, outcome, error FROM webhook_attempt WHERE delivery_id = ANY($1::bigint[]) ORDER BY id`,
      [deliveryIds],
    );
    return rows.map((r) => ({
      id: String(r.id),
      deliveryId: String(r.delivery_id),
      attempt: r.attempt,
      attemptedAt: r.attempted_at,
      statusCode: r.status_code,
      latencyMs: r.latency_ms,
      outcome: r.outcome,
      error: r.error,
    }));
  }

  /** For /metrics: deliveries waiting, and the age of the oldest event still owed to an enabled receiver. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const row = await this.db.one<{ pending: string; oldest: number | null }>(
      `SELECT count(*) AS pending, extract(epoch FROM clock_timestamp() - min(o.occurred_at))::float8 AS oldest
       FROM webhook_delivery d JOIN event_outbox o ON o.id = d.event_id JOIN webhook_subscription s ON s.id = d.subscription_id AND s.enabled
       WHERE d.status = 'PENDING'`,
    );
    return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: row?.oldest ?? 0 };
  }

  /**
   * Deletes events older than the retention that no delivery still waits for; their finished
   * deliveries and attempts go with them. Audit events live in their own table and stay.
   */
  async pruneEvents(olderThan: Date, limit: number): Promise<number> {
    const rows = await this.db.query<{ id: string }>(
      `WITH gone AS (DELETE FROM event_outbox e WHERE e.id IN (
         SELECT o.id FROM event_outbox o WHERE o.occurred_at < $1
           AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = o.id AND d.status = 'PENDING')
         ORDER BY o.id LIMIT $2)
       RETURNING e.id) SELECT id FROM gone`,
      [olderThan, limit],
    );
    return rows.length;
  }
}
