import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DeliveryStatus, DigestPeriod } from '../webhook.entity';

registerEnumType(DigestPeriod, {
  name: 'DigestPeriod',
  description: 'How often a subscription receives its `digest` event.',
  valuesMap: { DAILY: { description: 'Once a day.' }, WEEKLY: { description: 'Once every 7 days.' } },
});
registerEnumType(DeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one event stands for one subscription.',
  valuesMap: {
    PENDING: { description: 'Waiting for its next attempt (or being sent now).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FILTERED: { description: "The subscription's filter did not match the event; nothing was sent." },
    DEAD: { description: 'Every attempt failed, or the receiver answered 410 Gone. `replayWebhookDelivery` sends it again.' },
  },
});

@InputType('WebhookSubscriptionInput', { description: 'A webhook receiver. On update, omitted fields keep their value.' })
export class WebhookSubscriptionInput {
  @Field({ nullable: true, description: 'Unique name, 1 to 200 characters. Required on create.' })
  name?: string;
  @Field({
    nullable: true,
    description:
      'Receiver URL: https, or http to a host in PEDIGREE_WEBHOOK_ALLOW_HOSTS. Private addresses are refused after DNS resolution. Required on create.',
  })
  url?: string;
  @Field(() => [String], {
    nullable: true,
    description: 'Event types to receive, e.g. `["checkpoint.registered", "violation.opened"]` (docs/alerts.md lists them). May be empty with a digest.',
  })
  eventTypes?: string[];
  @Field(() => String, {
    nullable: true,
    description:
      'CEL condition on `event` (the delivered body); only matching events are sent, e.g. `event.subject.environment == "PRODUCTION"`. Empty string removes it.',
  })
  filter?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Receive events (default true). Disabled subscriptions queue nothing.' })
  enabled?: boolean;
  @Field(() => DigestPeriod, { nullable: true, description: 'Also send a daily or weekly `digest` event: new violations, exposure changes, expiring waivers.' })
  digest?: DigestPeriod | null;
}

@ObjectType('WebhookSubscription', { description: 'A webhook receiver and what it is sent. Its secret is shown only on create and rotation.' })
export class WebhookSubscriptionType {
  @Field(() => ID, { description: 'Subscription id.' })
  id: string;
  @Field({ description: 'Unique name.' })
  name: string;
  @Field({ description: 'Receiver URL.' })
  url: string;
  @Field(() => [String], { description: 'Event types it receives.' })
  eventTypes: string[];
  @Field(() => String, { nullable: true, description: 'CEL filter on `event`.' })
  filter: string | null;
  @Field({ description: 'Whether events are queued for it.' })
  enabled: boolean;
  @Field(() => String, { nullable: true, description: 'Why it is disabled, e.g. the receiver answered 410 Gone.' })
  disabledReason: string | null;
  @Field(() => DigestPeriod, { nullable: true, description: 'Digest period, if any.' })
  digest: DigestPeriod | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End of the period the last digest covered.' })
  lastDigestAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Until when the previous secret still signs (after a rotation).' })
  previousSecretUntil: Date | null;
  @Field(() => GraphQLISODateTime, { description: 'When it was created.' })
  createdAt: Date;
  @Field({ description: 'Who created it.' })
  createdBy: string;
  @Field(() => GraphQLISODateTime, { description: 'Last change.' })
  updatedAt: Date;
}

@ObjectType('WebhookSubscriptionWithSecret', { description: 'A subscription and its new signing secret. Store the secret now: it is not shown again.' })
export class WebhookSubscriptionWithSecretType {
  @Field(() => WebhookSubscriptionType, { description: 'The subscription.' })
  subscription: WebhookSubscriptionType;
  @Field({ description: 'Standard Webhooks secret (`whsec_…`) that signs every delivery.' })
  secret: string;
}

@ObjectType('WebhookAttempt', { description: 'One attempt to deliver an event.' })
export class WebhookAttemptType {
  @Field(() => Int, { description: '1 for the first attempt.' })
  attempt: number;
  @Field(() => GraphQLISODateTime, { description: 'When it was sent.' })
  attemptedAt: Date;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer; null when there was none.' })
  statusCode: number | null;
  @Field(() => Int, { description: 'Milliseconds until the answer (or the error).' })
  latencyMs: number;
  @Field({ description: 'DELIVERED, FAILED, GONE (410) or REFUSED (address not allowed, or no DNS answer).' })
  outcome: string;
  @Field(() => String, { nullable: true, description: 'What went wrong.' })
  error: string | null;
}

@ObjectType('WebhookDelivery', { description: 'One event owed to one subscription, with every attempt.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Delivery id (for replayWebhookDelivery).' })
  id: string;
  @Field(() => ID, { description: 'Subscription id.' })
  subscriptionId: string;
  @Field({ description: 'Event id, sent as `webhook-id`.' })
  eventId: string;
  @Field({ description: 'Event type.' })
  eventType: string;
  @Field(() => DeliveryStatus, { description: 'Where it stands.' })
  status: DeliveryStatus;
  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer.' })
  lastStatusCode: number | null;
  @Field(() => String, { nullable: true, description: 'Error of the last attempt, or why it was filtered.' })
  lastError: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When it was queued (with its event).' })
  createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was delivered, filtered or dead-lettered.' })
  completedAt: Date | null;
  @Field(() => [WebhookAttemptType], { description: 'Every attempt, oldest first.' })
  attemptLog: WebhookAttemptType[];
}

@ObjectType('WebhookDeliveryPage', { description: 'Deliveries, newest first.' })
export class WebhookDeliveryPageType {
  @Field(() => [WebhookDeliveryType], { description: 'This page.' })
  items: WebhookDeliveryType[];
  @Field({ description: 'Whether older deliveries follow; pass the last id as `before`.' })
  hasNextPage: boolean;
}
