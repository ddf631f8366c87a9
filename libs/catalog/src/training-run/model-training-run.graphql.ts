import { Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { EvidenceInput } from '@pedigree/graphql-common';
import { NodeRefInput } from '@pedigree/lineage';
import { TrainingMethod } from '../checkpoint/checkpoint.record';

@InputType({ description: 'A training run stated for a whole model (e.g. by its card): where and by whom its weights were trained.' })
export class RecordModelTrainingRunInput {
  @Field(() => NodeRefInput, { description: 'The model whose weights the run trained.' })
  model: NodeRefInput;

  @Field(() => TrainingMethod, { description: 'PRETRAINING for weights trained from scratch; otherwise how the model was derived.' })
  method: TrainingMethod;

  @Field({ nullable: true, description: 'Compute provider organization (slug, alias or display name), e.g. `amazon-web-services`.' })
  computeProvider?: string;

  @Field({ nullable: true, description: 'Region, e.g. `us-east-1`, if the source states it.' })
  computeRegion?: string;

  @Field({ nullable: true, description: 'Country where it ran, if the source states it. Accepts an ISO 3166-1 code or an English name.' })
  computeCountry?: string;

  @Field({ nullable: true, description: 'Operator organization (slug, alias or display name).' })
  operator?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Start time.' })
  startedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End time.' })
  endedAt?: Date;

  @Field(() => EvidenceInput, { description: 'Where the claim comes from (required: a model run is a claim).' })
  evidence: EvidenceInput;
}
