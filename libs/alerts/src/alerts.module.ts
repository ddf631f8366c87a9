import { Module } from '@nestjs/common';
import { WebhookDeliveryRepository } from './webhooks/webhook-delivery.repository';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhookDeliveryWorker } from './webhooks/webhook-delivery.worker';
import { WebhookSubscriptionRepository } from './webhooks/webhook-subscription.repository';
import { WebhookSubscriptionService } from './webhooks/webhook-subscription.service';
import { WebhookDeliveryResolver, WebhookSubscriptionResolver } from './webhooks/webhook.resolver';

export const ALERTS_RESOLVERS = [WebhookSubscriptionResolver, WebhookDeliveryResolver];

/** Webhook subscriptions and their delivery; the outbox itself is OutboxModule's. */
@Module({
  providers: [
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    WebhookSubscriptionService,
    WebhookDeliveryService,
    WebhookDeliveryWorker,
    ...ALERTS_RESOLVERS,
  ],
  exports: [WebhookDeliveryWorker, WebhookDeliveryRepository],
})
export class AlertsModule {}
