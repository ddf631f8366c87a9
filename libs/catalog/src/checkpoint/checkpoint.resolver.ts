import { Allow } from '@pedigree/graphql-common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MAX_CHECKPOINT_BATCH, Permission } from '@pedigree/core';
import { LineageEdgeType } from '@pedigree/lineage';
import { CatalogContext } from '../catalog.loaders';
import { ModelType } from '../model/model.graphql';
import { OrganizationType } from '../organization/organization.graphql';
import { CheckpointType, RegisterCheckpointInput, TrainingRunType } from './checkpoint.graphql';
import { CheckpointRecord, TrainingRunRecord } from './checkpoint.record';
import { CheckpointService } from './checkpoint.service';
import { CheckpointBatchReportType, RegisterCheckpointsInput } from './checkpoint-batch.graphql';
import { CheckpointBatchService } from './checkpoint-batch.service';

@Resolver(() => CheckpointType)
export class CheckpointResolver {
  constructor(
    private readonly service: CheckpointService,
    private readonly batch: CheckpointBatchService,
  ) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => CheckpointType, { nullable: true, description: 'A checkpoint by id or digest. Give one.' })
  checkpoint(
    @Args('id', { type: () => ID, nullable: true, description: 'Registry id.' }) id?: string,
    @Args('digest', { nullable: true, description: '`sha256:…`' }) digest?: string,
  ) {
    return this.service.requireOne({ id, digest });
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => CheckpointType, {
    description: 'Register a checkpoint, its lineage and training run atomically. Idempotent by digest; a different payload is a CONFLICT naming the fields.',
  })
  registerCheckpoint(@Args('input', { description: 'What to register or record.' }) input: RegisterCheckpointInput) {
    return this.service.register(input);
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => CheckpointBatchReportType, {
    description:
      `Register up to ${MAX_CHECKPOINT_BATCH} checkpoints in one transaction, for pipelines: all or nothing. Every item gets the checks of registerCheckpoint; ` +
      'if any is REFUSED or in CONFLICT, nothing is written and the report lists each bad item (index, code, field, message). ' +
      'Idempotent per digest: an item already registered with the same payload is ALREADY_PRESENT and writes nothing. One audit event and one `checkpoint.registered` event per created checkpoint.',
  })
  registerCheckpoints(@Args('input', { description: 'The checkpoints.' }) input: RegisterCheckpointsInput) {
    return this.batch.register(input);
  }

  @ResolveField(() => ModelType, { description: 'The model this checkpoint belongs to.' })
  model(@Parent() c: CheckpointRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.model.load(c.modelId);
  }

  @ResolveField(() => TrainingRunType, { nullable: true, description: 'The fine-tune step that produced it, if declared.' })
  trainingRun(@Parent() c: CheckpointRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.trainingRunByCheckpoint.load(c.id);
  }
}

@Resolver(() => TrainingRunType)
export class TrainingRunResolver {
  @ResolveField(() => String, { description: 'Hyperparameters as a JSON object, serialized.' })
  hyperparametersJson(@Parent() r: TrainingRunRecord) {
    return JSON.stringify(r.hyperparameters ?? {});
  }

  @ResolveField(() => OrganizationType, { nullable: true, description: 'Where it ran.' })
  computeProvider(@Parent() r: TrainingRunRecord, @Context() ctx: CatalogContext) {
    return r.computeProviderId ? ctx.loaders.organization.load(r.computeProviderId) : null;
  }

  @ResolveField(() => OrganizationType, { nullable: true, description: 'Who ran it.' })
  operator(@Parent() r: TrainingRunRecord, @Context() ctx: CatalogContext) {
    return r.operatorId ? ctx.loaders.organization.load(r.operatorId) : null;
  }

  @ResolveField(() => [LineageEdgeType], { description: 'Edges this run declared: parents, datasets (TRAINED_ON), teachers (DISTILLATION).' })
  edges(@Parent() r: TrainingRunRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.edgesByTrainingRun.load(r.id);
  }
}
