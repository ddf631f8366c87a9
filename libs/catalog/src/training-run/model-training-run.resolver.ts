import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { TrainingRunType } from '../checkpoint/checkpoint.graphql';
import { RecordModelTrainingRunInput } from './model-training-run.graphql';
import { ModelTrainingRunService } from './model-training-run.service';

@Resolver(() => TrainingRunType)
export class ModelTrainingRunResolver {
  constructor(private readonly service: ModelTrainingRunService) {}

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => TrainingRunType, {
    description: 'Record a training run of a whole model (where its weights were trained), with evidence. Recording the same run again returns it unchanged.',
  })
  recordModelTrainingRun(@Args('input', { description: 'The run and its evidence.' }) input: RecordModelTrainingRunInput) {
    return this.service.record(input);
  }
}
