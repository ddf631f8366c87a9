import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { EvidenceInput, EvidenceType } from '@pedigree/graphql-common';

@ObjectType('OwnershipRetraction', { description: 'The withdrawal of an ownership stake, with its own evidence.' })
export class OwnershipRetractionType {
  @Field(() => EvidenceType, { description: 'Why the stake no longer holds (or never did).' })
  evidence: EvidenceType;

  @Field(() => GraphQLISODateTime, { description: 'When the retraction was recorded.' })
  recordedAt: Date;

  @Field({ description: 'Who recorded the retraction.' })
  recordedBy: string;
}

@ObjectType('OwnershipStake', {
  description: 'A claim that one organization holds a share of another, with its evidence. Append-only: withdrawn by a retraction, never edited.',
})
export class OwnershipStakeType {
  @Field(() => ID, { description: 'Registry id of the stake (for `retractOwnershipStake`).' })
  id: string;

  @Field(() => Float, { description: 'Share held, in percent: greater than 0, at most 100.' })
  percentage: number;

  @Field(() => String, { nullable: true, description: 'First day the stake holds (YYYY-MM-DD); null: since before it was recorded.' })
  validFrom: string | null;

  @Field(() => String, { nullable: true, description: 'First day the stake no longer holds (YYYY-MM-DD); null: it still holds.' })
  validTo: string | null;

  @Field(() => EvidenceType, { description: 'Support for the stake (a filing, an announcement, a register extract).' })
  evidence: EvidenceType;

  @Field(() => GraphQLISODateTime, { description: 'When the stake was recorded.' })
  recordedAt: Date;

  @Field({ description: 'Who recorded the stake.' })
  recordedBy: string;

  @Field(() => OwnershipRetractionType, { nullable: true, description: 'The retraction, when the stake has been withdrawn; null while it stands.' })
  retraction: OwnershipRetractionType | null;
}

@ObjectType('EffectiveOwner', { description: 'An organization that owns another through one or more chains of stakes.' })
export class EffectiveOwnerType {
  @Field(() => Float, {
    description:
      'Effective share in percent: along each chain the percentages multiply, and the chains add up. Only simple chains count (no organization twice), so cross-holdings neither loop nor count twice.',
  })
  percentage: number;
}

@InputType({ description: 'Record that one organization holds a share of another.' })
export class RecordOwnershipStakeInput {
  @Field({ description: 'Slug, alias or name of the organization that holds the stake.' })
  owner: string;

  @Field({ description: 'Slug, alias or name of the organization the stake is in.' })
  owned: string;

  @Field(() => Float, {
    description:
      'Share held, in percent, greater than 0 and at most 100. The active stakes in one organization may not add up to more than 100 on any day. More than 50 is control.',
  })
  percentage: number;

  @Field({ nullable: true, description: 'First day the stake holds, YYYY-MM-DD. Omit for "since before it was recorded".' })
  validFrom?: string;

  @Field({ nullable: true, description: 'First day the stake no longer holds, YYYY-MM-DD, after `validFrom`. Omit while it holds.' })
  validTo?: string;

  @Field(() => EvidenceInput, { description: 'Support for the stake: cite the filing or announcement in `documentRef`.' })
  evidence: EvidenceInput;

  @Field({ nullable: true, description: 'Who records the stake. Defaults to the token owner.' })
  recordedBy?: string;
}

@InputType({ description: 'Withdraw an ownership stake. The stake stays on record with its retraction.' })
export class RetractOwnershipStakeInput {
  @Field(() => ID, { description: 'The stake to retract.' })
  stakeId: string;

  @Field(() => EvidenceInput, { description: 'Why the stake no longer holds.' })
  evidence: EvidenceInput;

  @Field({ nullable: true, description: 'Who records the retraction. Defaults to the token owner.' })
  recordedBy?: string;
}

@ArgsType()
export class EffectiveOwnersArgs {
  @Field(() => Float, { defaultValue: 0, description: 'Only owners with at least this effective share, in percent.' })
  minPercentage: number;
}
