import { Injectable } from '@nestjs/common';
import { Db, selectList } from '@pedigree/database';
import { EventSubject, EventType, OutboxEvent } from '@pedigree/outbox';
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

/** A delivery this instance leased, with what sending it needs: the event and the subscription's URL, filter and secrets. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  attempt: number;
  event: OutboxEvent;
  url: string;
  filter: string | null;
  secrets: string[];
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

interface ClaimRow {
  id: string;
  subscription_id: string;
  attempts: number;
  outbox_id: string;
  event_id: string;
  type: EventType;
  occurred_at: Date;
  subject: EventSubject;
  payload: Record<string, unknown>;
  audit_event_id: string | null;
  url: string;
  filter: string | null;
  secret: string;
  previous_secret: string | null;
}

type AttemptRow = Pick<WebhookAttemptEntity, 'id' | 'delivery_id' | 'attempt' | 'attempted_at' | 'status_code' | 'latency_ms' | 'outcome' | 'error'>;

export interface DeliveryFilter {
  subscriptionId?: string | null;
  status?: DeliveryStatus | null;
  eventId?: string | null;
}

export interface AttemptOutcome {
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  /** FILTERED: the subscription's filter did not match (or could not be evaluated); nothing was sent. */
  outcome: 'DELIVERED' | 'FAILED' | 'GONE' | 'REFUSED' | 'FILTERED';
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
    const rows = await this.db.prepared<ClaimRow>(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count]. The same
      // statement reads what sending needs, so a batch costs one round trip to claim.
      `WITH c AS (UPDATE webhook_delivery d SET attempts = d.attempts + 1, leased_until = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
       WHERE d.id IN (
         SELECT q.id FROM webhook_delivery q JOIN webhook_subscription s ON s.id = q.subscription_id AND s.enabled
         WHERE q.status = 'PENDING' AND q.next_attempt_at <= clock_timestamp() AND (q.leased_until IS NULL OR q.leased_until < clock_timestamp())
         ORDER BY q.next_attempt_at, q.id LIMIT $1 FOR UPDATE OF q SKIP LOCKED)
       RETURNING d.id, d.subscription_id, d.event_id, d.attempts)
       SELECT c.id, c.subscription_id, c.attempts, o.id AS outbox_id, o.event_id, o.type, o.occurred_at, o.subject, o.payload, o.audit_event_id,
              s.url, s.filter, s.secret, CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END AS previous_secret
       FROM c JOIN event_outbox o ON o.id = c.event_id JOIN webhook_subscription s ON s.id = c.subscription_id`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      id: String(r.id),
      subscriptionId: String(r.subscription_id),
      attempt: r.attempts,
      event: {
        id: String(r.outbox_id),
        eventId: r.event_id,
        type: r.type,
        occurredAt: r.occurred_at,
        subject: r.subject,
        payload: r.payload,
        auditEventId: r.audit_event_id === null ? null : String(r.audit_event_id),
      },
      url: r.url,
      filter: r.filter,
      secrets: r.previous_secret ? [r.secret, r.previous_secret] : [r.secret],
    }));
  }

  /**
   * The outcomes of many attempts in one statement: each delivery's new state and, for every
   * attempt actually sent, its row. Filtered deliveries get no attempt row.
   */
  async record(outcomes: readonly AttemptOutcome[]): Promise<void> {
    if (!outcomes.length) return;
    const rows = outcomes.map((o) => ({
      delivery_id: o.deliveryId,
      attempt: o.attempt,
      attempted_at: o.attemptedAt.toISOString(),
      status_code: o.statusCode,
      latency_ms: o.latencyMs,
      outcome: o.outcome,
      error: o.error,
      retry_ms: o.retryInMs,
      status:
        o.outcome === 'DELIVERED'
          ? DeliveryStatus.DELIVERED
          : o.outcome === 'FILTERED'
            ? DeliveryStatus.FILTERED
            : o.retryInMs === null
              ? DeliveryStatus.DEAD
              : DeliveryStatus.PENDING,
    }));
    await this.db.prepared(
      `WITH o AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS o(delivery_id bigint, attempt integer, attempted_at timestamptz, status_code integer,
                    latency_ms integer, outcome text, error text, retry_ms bigint, status webhook_delivery_status)),
       u AS (UPDATE webhook_delivery d SET status = o.status, last_status_code = o.status_code, last_error = o.error, leased_until = NULL,
               next_attempt_at = CASE WHEN o.retry_ms IS NULL THEN d.next_attempt_at ELSE clock_timestamp() + o.retry_ms * interval '1 millisecond' END,
               completed_at = CASE WHEN o.status = 'PENDING' THEN NULL ELSE clock_timestamp() END
             FROM o WHERE d.id = o.delivery_id RETURNING d.id)
       INSERT INTO webhook_attempt(delivery_id, attempt, attempted_at, status_code, latency_ms, outcome, error)
       SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, outcome, error FROM o WHERE outcome <> 'FILTERED'`,
      [JSON.stringify(rows)],
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
