import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ClaimKind, DiffAspect, DiffChange } from './exposure-diff.rules';

registerEnumType(DiffAspect, {
  name: 'ExposureDiffAspect',
  description: 'What part of an exposure changed.',
  valuesMap: {
    COUNTRY: { description: 'A country in the ancestry.' },
    VENDOR: { description: 'A vendor (ultimate controlling owner of a publisher).' },
    UNAVOIDABLE_VENDOR: { description: 'A vendor on every weight path.' },
    TEACHER: { description: 'A distillation source.' },
    LICENSE: { description: 'An inherited license expression.' },
    DRIFT: { description: 'A license drift (a derived model dropping an ancestor’s constraint).' },
  },
});
registerEnumType(DiffChange, {
  name: 'ExposureDiffChange',
  description: 'Whether it was there only at `to` or only at `from`.',
  valuesMap: { APPEARED: { description: 'In the exposure at `to`, not at `from`.' }, DISAPPEARED: { description: 'In the exposure at `from`, not at `to`.' } },
});
registerEnumType(ClaimKind, {
  name: 'ClaimKind',
  description: 'The kind of claim whose recording changed an exposure.',
  valuesMap: {
    EDGE_ASSERTED: { description: 'A lineage edge was asserted (`claimId` is the edge).' },
    EDGE_RETRACTED: { description: 'A lineage edge was retracted (`claimId` is the edge).' },
    STAKE_RECORDED: { description: 'An ownership stake was recorded (`claimId` is the stake).' },
    STAKE_RETRACTED: { description: 'An ownership stake was retracted (`claimId` is the stake).' },
    MODEL_FACTS: { description: 'A model’s publisher, license, country override or access changed (`claimId` is the version).' },
    DATASET_FACTS: { description: 'A dataset’s publisher, license or country override changed (`claimId` is the version).' },
    ORGANIZATION_FACTS: { description: 'An organization’s country changed (`claimId` is the version).' },
  },
});

@ObjectType('ExposureDiffAuditEvent', { description: 'The audit event of the mutation that recorded a claim.' })
export class ExposureDiffAuditEventType {
  @Field(() => ID, { description: 'Audit event id (see `auditEvents`).' })
  id: string;

  @Field({ description: 'The mutation, e.g. `retractLineage`.' })
  operation: string;

  @Field({ description: 'Who made it.' })
  actor: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was recorded.' })
  occurredAt: Date;
}

@ObjectType('ExposureDiffCause', { description: 'A claim recorded between `from` and `to` that explains a change.' })
export class ExposureDiffCauseType {
  @Field(() => ClaimKind, { description: 'What was recorded.' })
  kind: ClaimKind;

  @Field(() => ID, { description: 'The edge, the stake, or the fact version.' })
  claimId: string;

  @Field(() => GraphQLISODateTime, { description: 'When the registry recorded it.' })
  recordedAt: Date;

  @Field(() => ID, { nullable: true, description: 'For a fact version: the model, dataset or organization it belongs to.' })
  subjectId?: string | null;

  @Field(() => ExposureDiffAuditEventType, { nullable: true, description: 'The audit event that recorded it; null when audit was off.' })
  auditEvent: ExposureDiffAuditEventType | null;
}

@ObjectType('ExposureDiffEntry', { description: 'One thing that appeared in or disappeared from the exposure.' })
export class ExposureDiffEntryType {
  @Field(() => DiffAspect, { description: 'Which part of the exposure.' })
  aspect: DiffAspect;

  @Field(() => DiffChange, { description: 'Appeared or disappeared.' })
  change: DiffChange;

  @Field({
    description:
      'What it is: a country code (UNKNOWN for none), an organization, teacher or node id, a license expression, or `derived:ancestor:reason` for drift.',
  })
  key: string;

  @Field({ description: 'The same, for a person.' })
  label: string;

  @Field(() => [ExposureDiffCauseType], {
    description:
      'The claims recorded in between that it rests on, oldest first: an edge on its path, a stake or fact change of its nodes and organizations. Empty when the cause lies elsewhere.',
  })
  causes: ExposureDiffCauseType[];
}

@ObjectType('ExposureDiff', { description: 'What changed in a subject’s exposure between two moments, as recorded.' })
export class ExposureDiffType {
  @Field(() => ID, { description: 'Id of the subject (see `subject`).' })
  subjectId: string;

  @Field(() => GraphQLISODateTime, { description: 'The earlier moment.' })
  from: Date;

  @Field(() => GraphQLISODateTime, { description: 'The later moment.' })
  to: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'The real-world day (YYYY-MM-DD) ownership stakes were judged valid on at both moments, when `validAt` was given; null when each moment judged its own day.',
  })
  validAt: string | null;

  @Field(() => [ExposureDiffEntryType], { description: 'What appeared or disappeared, by aspect.' })
  changes: ExposureDiffEntryType[];
}
