import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { EventOutboxEntity } from './outbox-event.entity';
import { EventDraft, EventSubject, OutboxEvent } from './outbox-event';
import { EventType } from './event-types';

const COLUMNS = ['id', 'event_id', 'type', 'occurred_at', 'subject', 'payload', 'audit_event_id'] as const satisfies readonly (keyof EventOutboxEntity)[];
type EventRow = Pick<EventOutboxEntity, (typeof COLUMNS)[number]>;

const toEvent = (r: EventRow): OutboxEvent => ({
  id: String(r.id),
  eventId: r.event_id,
  type: r.type as EventType,
  occurredAt: r.occurred_at,
  subject: r.subject as EventSubject,
  payload: r.payload,
  auditEventId: r.audit_event_id === null ? null : String(r.audit_event_id),
});

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends events in the caller's transaction; the fan-out trigger queues their deliveries in it
   * too. An event whose dedupe key is already stored is skipped. Returns the stored events.
   */
  async append(drafts: readonly EventDraft[], auditEventId: string | null): Promise<OutboxEvent[]> {
    return this.appendLinked(drafts.map((draft) => ({ draft, auditEventId })));
  }

  /** The same for events of several audit events at once (a batch registration): each linked to its own. */
  async appendLinked(events: readonly { draft: EventDraft; auditEventId: string | null }[]): Promise<OutboxEvent[]> {
    if (!events.length) return [];
    const rows = await this.db.prepared<EventRow>(
      `INSERT INTO event_outbox(type, subject, payload, audit_event_id, dedupe_key)
       SELECT d.type, d.subject, d.payload, d.audit_event_id, d.dedupe_key
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (type text, subject jsonb, payload jsonb, audit_event_id bigint, dedupe_key text))
         WITH ORDINALITY AS d(type, subject, payload, audit_event_id, dedupe_key, n)
       ORDER BY d.n
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING ${COLUMNS.join(', ')}`,
      [
        JSON.stringify(
          events.map(({ draft: d, auditEventId }) => ({
            type: d.type,
            subject: d.subject,
            payload: d.payload,
            audit_event_id: auditEventId,
            dedupe_key: d.dedupeKey ?? null,
          })),
        ),
      ],
    );
    return rows.map(toEvent);
  }

  /** Stored events by outbox position, in position order; ids that are gone (pruned) are skipped. */
  async byIds(ids: readonly string[]): Promise<OutboxEvent[]> {
    if (!ids.length) return [];
    const rows = await this.db.prepared<EventRow>(`SELECT ${COLUMNS.join(', ')} FROM event_outbox WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]);
    return rows.map(toEvent);
  }

  /** Events stored after a position, oldest first: a listener's catch-up after a lost connection. */
  async after(id: string, limit: number): Promise<OutboxEvent[]> {
    const rows = await this.db.prepared<EventRow>(`SELECT ${COLUMNS.join(', ')} FROM event_outbox WHERE id > $1::bigint ORDER BY id LIMIT $2`, [id, limit]);
    return rows.map(toEvent);
  }
}
