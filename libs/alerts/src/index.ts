// Alerts: webhook subscriptions and their signed, retried deliveries, the `events` GraphQL
// subscription, digests, and the outbox's operations (metrics, pruning).
export { compileEventFilter, eventTypes } from './event-filter';
export type { EventFilter } from './event-filter';
export { ALERTS_RESOLVERS, AlertsModule } from './alerts.module';
export { WebhookDeliveryWorker } from './webhooks/webhook-delivery.worker';
export { WebhookDeliveryRepository } from './webhooks/webhook-delivery.repository';
