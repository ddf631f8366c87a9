import { Module } from '@nestjs/common';
import { LiveEventFeed } from './event-stream/live-event-feed';
import { LiveEventResolver } from './event-stream/live-event.resolver';
import { AlertsMaintenanceRepository } from './maintenance/alerts-maintenance.repository';
import { AlertsSweepWorker } from './maintenance/alerts-sweep.worker';
import { WebhookDeliveryRepository } from './webhooks/webhook-delivery.repository';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhookDeliveryWorker } from './webhooks/webhook-delivery.worker';
import { WebhookSubscriptionRepository } from './webhooks/webhook-subscription.repository';
import { WebhookSubscriptionService } from './webhooks/webhook-subscription.service';
import { WebhookDeliveryResolver, WebhookSubscriptionResolver } from './webhooks/webhook.resolver';

export const ALERTS_RESOLVERS = [WebhookSubscriptionResolver, WebhookDeliveryResolver, LiveEventResolver];

/** Webhook subscriptions and their delivery, and the live `events` subscription; the outbox itself is OutboxModule's. */
@Module({
  providers: [
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    WebhookSubscriptionService,
    WebhookDeliveryService,
    WebhookDeliveryWorker,
    AlertsMaintenanceRepository,
    AlertsSweepWorker,
    LiveEventFeed,
    ...ALERTS_RESOLVERS,
  ],
  exports: [WebhookDeliveryWorker, WebhookDeliveryRepository, AlertsSweepWorker],
})
export class AlertsModule {}
