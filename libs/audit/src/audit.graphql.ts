import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BreakReason } from './audit-hash';

registerEnumType(BreakReason, {
  name: 'AuditBreakReason',
  description: 'How the audit chain is broken.',
  valuesMap: {
    HASH_MISMATCH: { description: 'The event was modified after it was chained.' },
    PREVIOUS_HASH_MISMATCH: { description: 'The event no longer links to the one before it (an earlier event was rewritten).' },
    MISSING_EVENT: { description: 'An event was deleted: its position in the chain is empty.' },
  },
});

@ObjectType('AuditEvent', { description: 'One mutation, recorded in the transaction of the change.' })
export class AuditEventType {
  @Field(() => ID, { description: 'Event id.' })
  id: string;

  @Field(() => GraphQLISODateTime, { description: 'When the change happened (milliseconds; see `occurredAtUtc`).' })
  occurredAt: Date;

  @Field({ description: 'When the change happened, as stored: UTC with microseconds, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. Hash version 2 covers this text.' })
  occurredAtUtc: string;

  @Field(() => ID, { nullable: true, description: 'Token that made the change; null for the system itself.' })
  actorTokenId: string | null;

  @Field({ description: 'Token owner, or `system` for start-up tasks.' })
  actor: string;

  @Field({ description: 'The mutation, e.g. `registerCheckpoint`.' })
  operation: string;

  @Field({ description: 'SHA-256 of the canonical input, so a copy of the request can be matched.' })
  inputDigest: string;

  @Field(() => [ID], { description: 'Ids the change created or touched.' })
  touchedIds: string[];

  @Field(() => Int, { nullable: true, description: 'Position in the hash chain; null until chained (within a fraction of a second).' })
  seq: number | null;

  @Field(() => String, { nullable: true, description: 'Hash of the previous event in the chain.' })
  prevHash: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 over this event and `prevHash`, by the formula `hashVersion` names.' })
  hash: string | null;

  @Field(() => Int, { nullable: true, description: 'Which hash formula `hash` uses (docs/audit-trail.md states each); null until chained.' })
  hashVersion: number | null;
}

@InputType({ description: 'Filters for audit events. All given filters must match.' })
export class AuditEventFilterInput {
  @Field({ nullable: true, description: 'Mutation name.' })
  operation?: string;

  @Field(() => ID, { nullable: true, description: 'Token id.' })
  actorTokenId?: string;

  @Field(() => ID, { nullable: true, description: 'An id the change touched.' })
  touchedId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'From this time (inclusive).' })
  since?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Before this time.' })
  until?: Date;
}

@ObjectType('AuditBrokenLink', { description: 'The first place where the chain does not verify.' })
export class AuditBrokenLinkType {
  @Field(() => Int, { description: 'Chain position.' })
  seq: number;

  @Field(() => ID, { nullable: true, description: 'The event at (or, for a deletion, right after) that position.' })
  eventId: string | null;

  @Field(() => BreakReason, { description: 'What is wrong.' })
  reason: BreakReason;

  @Field({ description: 'In words.' })
  detail: string;
}

@ObjectType('AuditVerification', { description: 'Result of recomputing the audit chain.' })
export class AuditVerificationType {
  @Field({ description: 'True when every chained event and every checked tree head verifies.' })
  ok: boolean;

  @Field(() => Int, { description: 'Events verified.' })
  checkedEvents: number;

  @Field(() => Int, { description: 'Events not chained yet.' })
  pendingEvents: number;

  @Field({ description: 'Hash of the last verified event.' })
  headHash: string;

  @Field(() => AuditBrokenLinkType, { nullable: true, description: 'The first broken link, if any.' })
  firstBrokenLink: AuditBrokenLinkType | null;

  @Field(() => Int, { description: 'Signed tree heads checked (the latest 100).' })
  checkedTreeHeads: number;

  @Field(() => [ID], { description: 'Tree heads whose signature or hash does not match the chain.' })
  badTreeHeadIds: string[];

  @Field(() => [Int], { description: 'Hash formula versions the verified events use, ascending: 1 for events chained before exact hashing, 2 since.' })
  hashVersions: number[];
}

@ObjectType('AuditTreeHead', { description: 'A signed statement of the chain size and head hash; keep these outside Pedigree.' })
export class AuditTreeHeadType {
  @Field(() => ID, { description: 'Head id.' })
  id: string;

  @Field(() => Int, { description: 'Number of chained events covered.' })
  size: number;

  @Field({ description: 'Hash of event `size` (64 zeros for an empty chain).' })
  headHash: string;

  @Field(() => GraphQLISODateTime, { description: 'Signing time.' })
  signedAt: Date;

  @Field({ description: 'Base64 Ed25519 signature over `pedigree-audit-tree-head:v1\\n<size>\\n<headHash>\\n<signedAt ISO>`.' })
  signature: string;

  @Field({ description: 'SPKI PEM public key that verifies the signature.' })
  publicKey: string;
}
