import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { LiveEvent } from './live-event-feed';

@ObjectType('Event', { description: 'One registry event, as a webhook receives it (docs/alerts.md lists every type and its data).' })
export class EventGraphqlType {
  @Field(() => ID, { description: 'Event id: the `webhook-id` of its deliveries, for deduplication.' })
  id!: string;
  @Field(() => ID, { description: 'Position in the outbox: increases with each stored event (commit order may differ).' })
  position!: string;
  @Field({ description: 'Event type, e.g. `lineage.retracted`.' })
  type!: string;
  @Field(() => GraphQLISODateTime, { description: 'When it was stored, in the transaction of its change.' })
  timestamp!: Date;
  @Field({ description: 'What it is about: a node kind, DEPLOYMENT, EDGE, WAIVER, AUDIT_HEAD, …' })
  subjectType!: string;
  @Field(() => ID, { description: "The subject's id." })
  subjectId!: string;
  @Field(() => String, { nullable: true, description: "The subject's key (a model name, a checkpoint digest), where it has one." })
  subjectKey!: string | null;
  @Field({ description: 'The whole subject as JSON text (with e.g. environment and system for deployments).' })
  subject!: string;
  @Field({ description: "The event's data as JSON text, as in the webhook body's `data`." })
  data!: string;
  @Field(() => ID, { nullable: true, description: 'The audit event of the change that caused it, if any.' })
  auditEventId!: string | null;
}

export function toEventGraphql(e: LiveEvent): EventGraphqlType {
  const { envelope } = e;
  return {
    id: envelope.id,
    position: e.position,
    type: envelope.type,
    timestamp: new Date(envelope.timestamp),
    subjectType: envelope.subject.type,
    subjectId: envelope.subject.id,
    subjectKey: envelope.subject.key ?? null,
    subject: JSON.stringify(envelope.subject),
    data: JSON.stringify(envelope.data),
    auditEventId: envelope.auditEventId,
  };
}
