import { EventType } from './event-types';

/** What an event is about. `type` is a node kind, DEPLOYMENT, EDGE, WAIVER, AUDIT_HEAD or SUBSCRIPTION. */
export interface EventSubject {
  type: string;
  id: string;
  key?: string | null;
  [field: string]: unknown;
}

/** An event before it is stored; the outbox gives it its id and time. */
export interface EventDraft {
  type: EventType;
  subject: EventSubject;
  payload: Record<string, unknown>;
  /** At most one stored event per key (e.g. one waiver.expiring per waiver). */
  dedupeKey?: string | null;
}

export interface OutboxEvent {
  /** Position in the outbox (bigint as text); deliveries and pages refer to it. */
  id: string;
  /** The event's public id: the `webhook-id` header, by which receivers deduplicate. */
  eventId: string;
  type: EventType;
  occurredAt: Date;
  subject: EventSubject;
  payload: Record<string, unknown>;
  auditEventId: string | null;
}

/**
 * The one wire form of an event: the webhook body, the GraphQL subscription's `event` and what a
 * CEL filter sees as `event`.
 */
export interface EventEnvelope {
  id: string;
  type: EventType;
  timestamp: string;
  subject: EventSubject;
  data: Record<string, unknown>;
  auditEventId: string | null;
}

export function envelopeOf(e: OutboxEvent): EventEnvelope {
  return { id: e.eventId, type: e.type, timestamp: e.occurredAt.toISOString(), subject: e.subject, data: e.payload, auditEventId: e.auditEventId };
}
