import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { invalidInput, Permission, requestContext } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { DeliveryStatus } from '../webhook.entity';
import { WebhookAttemptRecord, WebhookDeliveryRecord } from './webhook-delivery.repository';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookSubscriptionService } from './webhook-subscription.service';
import {
  WebhookAttemptType,
  WebhookDeliveryPageType,
  WebhookDeliveryType,
  WebhookSubscriptionInput,
  WebhookSubscriptionType,
  WebhookSubscriptionWithSecretType,
} from './webhook.graphql';

const MAX_PAGE = 500;

@Resolver(() => WebhookSubscriptionType)
export class WebhookSubscriptionResolver {
  constructor(private readonly subscriptions: WebhookSubscriptionService) {}

  @Allow(Permission.ALERTS_ADMIN)
  @Mutation(() => WebhookSubscriptionWithSecretType, {
    description: 'Subscribe a receiver to events. The answer holds its signing secret, shown only here. Audited.',
  })
  createWebhookSubscription(
    @Args('input', { description: 'The subscription; name, url and eventTypes (or digest) are required.' }) input: WebhookSubscriptionInput,
  ) {
    return this.subscriptions.create(input);
  }

  @Allow(Permission.ALERTS_ADMIN)
  @Mutation(() => WebhookSubscriptionType, {
    description: 'Change a subscription; omitted fields keep their value. `enabled: true` re-enables one a 410 disabled. Audited.',
  })
  updateWebhookSubscription(
    @Args('id', { type: () => ID, description: 'Subscription id.' }) id: string,
    @Args('input', { description: 'The fields to change.' }) input: WebhookSubscriptionInput,
  ) {
    return this.subscriptions.update(id, input);
  }

  @Allow(Permission.ALERTS_ADMIN)
  @Mutation(() => WebhookSubscriptionWithSecretType, {
    description: 'A new signing secret. For PEDIGREE_WEBHOOK_SECRET_OVERLAP_HOURS (24) deliveries carry signatures with both secrets. Audited.',
  })
  rotateWebhookSecret(@Args('id', { type: () => ID, description: 'Subscription id.' }) id: string) {
    return this.subscriptions.rotateSecret(id);
  }

  @Allow(Permission.ALERTS_ADMIN)
  @Mutation(() => WebhookSubscriptionType, { description: 'Delete a subscription with its deliveries. Audited.' })
  deleteWebhookSubscription(@Args('id', { type: () => ID, description: 'Subscription id.' }) id: string) {
    return this.subscriptions.delete(id);
  }

  @Allow(Permission.ALERTS_ADMIN)
  @Query(() => [WebhookSubscriptionType], { description: 'Every webhook subscription, oldest first (secrets are never shown).' })
  webhookSubscriptions() {
    return this.subscriptions.list();
  }
}

@Resolver(() => WebhookDeliveryType)
export class WebhookDeliveryResolver {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @Allow(Permission.ALERTS_ADMIN)
  @Query(() => WebhookDeliveryPageType, { description: 'Deliveries, newest first, each with every attempt (status code, latency, error).' })
  async webhookDeliveries(
    @Args('subscriptionId', { type: () => ID, nullable: true, description: 'Only this subscription.' }) subscriptionId: string | null,
    @Args('status', { type: () => DeliveryStatus, nullable: true, description: 'Only this status, e.g. DEAD.' }) status: DeliveryStatus | null,
    @Args('eventId', { type: () => String, nullable: true, description: 'Only this event (the `webhook-id` uuid).' }) eventId: string | null,
    @Args('first', { type: () => Int, nullable: true, description: `Page size, 1 to ${MAX_PAGE}; default 50.` }) first: number | null,
    @Args('before', { type: () => ID, nullable: true, description: 'Id of the last delivery of the previous page.' }) before: string | null,
  ) {
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw invalidInput('first', `${first} is out of range`, `1 to ${MAX_PAGE}`);
    if (before !== null && before !== undefined && !/^\d{1,19}$/.test(before)) throw invalidInput('before', `"${before}" is not a delivery id`, 'a numeric id');
    return this.deliveries.page({ subscriptionId, status, eventId }, before ?? null, limit);
  }

  @Allow(Permission.ALERTS_ADMIN)
  @Mutation(() => WebhookDeliveryType, { description: 'Send a dead-lettered (or filtered) delivery again, with a fresh set of attempts. Audited.' })
  replayWebhookDelivery(@Args('id', { type: () => ID, description: 'Delivery id.' }) id: string) {
    return this.deliveries.replay(id);
  }

  @ResolveField(() => [WebhookAttemptType], { name: 'attemptLog' })
  attemptLog(@Parent() d: WebhookDeliveryRecord) {
    const loader = requestContext.memo(
      'webhook-attempts',
      () =>
        new DataLoader<string, WebhookAttemptRecord[]>(async (ids) => {
          const rows = await this.deliveries.attemptsOf(ids);
          return ids.map((id) => rows.filter((r) => r.deliveryId === id));
        }),
    );
    return loader.load(d.id);
  }
}
