// The alerts outbox: the event types, the wire envelope, and appending events in a change's transaction.
export { EVENT_TYPE_NAMES, EVENT_TYPES, isEventType } from './event-types';
export type { EventType } from './event-types';
export { EventNotifications } from './event-notifications';
export type { CommittedEventsListener } from './event-notifications';
export { envelopeOf } from './outbox-event';
export type { EventDraft, EventEnvelope, EventSubject, OutboxEvent } from './outbox-event';
export { OutboxModule } from './outbox.module';
export { OutboxRepository } from './outbox.repository';
export { eventEdges, lineageChanged, nodeRegistered } from './registration-events';
export type { EventEdge, EventNode } from './registration-events';
