import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RegisterCheckpointInput } from './checkpoint.graphql';
import { MAX_CHECKPOINT_BATCH } from '@pedigree/core';
import { CheckpointBatchOutcome } from './checkpoint-batch.rules';

registerEnumType(CheckpointBatchOutcome, {
  name: 'CheckpointBatchOutcome',
  description: 'What became of one checkpoint of a registerCheckpoints batch.',
  valuesMap: {
    CREATED: { description: 'Registered by this batch (or, in a batch that was not applied, would have been).' },
    ALREADY_PRESENT: {
      description: 'The digest was already registered with the same payload, or repeats an earlier item of the batch: nothing written for it.',
    },
    CONFLICT: { description: 'The digest is registered (or an earlier item of the batch has it) with a different payload; `fields` names the differences.' },
    REFUSED: { description: 'Refused (INVALID_INPUT, NOT_FOUND, FORBIDDEN, POLICY_VIOLATION, ...); `code`, `field` and `message` say why.' },
  },
});

@InputType({ description: `Checkpoints to register in one transaction, at most ${MAX_CHECKPOINT_BATCH}.` })
export class RegisterCheckpointsInput {
  @Field(() => [RegisterCheckpointInput], {
    description: `The checkpoints, each as registerCheckpoint takes it (without \`signature\`), at most ${MAX_CHECKPOINT_BATCH}. They may refer only to nodes registered before the batch.`,
  })
  checkpoints: RegisterCheckpointInput[];
}

@ObjectType('CheckpointBatchItem', { description: 'One checkpoint of a registerCheckpoints batch, in input order.' })
export class CheckpointBatchItemType {
  @Field(() => Int, { description: 'Position in `input.checkpoints`, from 0.' })
  index: number;

  @Field({ description: 'The digest as given (trimmed).' })
  digest: string;

  @Field(() => CheckpointBatchOutcome, { description: 'What became of it.' })
  outcome: CheckpointBatchOutcome;

  @Field(() => ID, {
    nullable: true,
    description: 'Registry id of the checkpoint: written or already present. Null when refused, and for CREATED in a batch not applied.',
  })
  id: string | null;

  @Field(() => String, { nullable: true, description: 'Error code for CONFLICT and REFUSED, as a single mutation would answer it.' })
  code: string | null;

  @Field(() => String, { nullable: true, description: 'Input path of the problem, e.g. `input.checkpoints[3].digest`.' })
  field: string | null;

  @Field(() => String, { nullable: true, description: 'What is wrong and what is accepted.' })
  message: string | null;

  @Field(() => [String], { description: 'For CONFLICT: the input paths whose values differ from the registered (or earlier) payload.' })
  fields: string[];

  @Field(() => Int, { nullable: true, description: 'When another item of this batch has the same digest: the index of the first one.' })
  sameDigestAs: number | null;
}

@ObjectType('CheckpointBatchReport', { description: 'The answer to registerCheckpoints: every item, and whether the batch was written.' })
export class CheckpointBatchReportType {
  @Field({ description: 'True when the batch committed. False when any item is CONFLICT or REFUSED: then nothing at all was written.' })
  applied: boolean;

  @Field(() => [CheckpointBatchItemType], { description: 'One entry per input item, in input order.' })
  items: CheckpointBatchItemType[];

  @Field(() => Int, { description: 'Items CREATED.' })
  created: number;

  @Field(() => Int, { description: 'Items ALREADY_PRESENT.' })
  alreadyPresent: number;

  @Field(() => Int, { description: 'Items in CONFLICT.' })
  conflicts: number;

  @Field(() => Int, { description: 'Items REFUSED.' })
  refused: number;
}
