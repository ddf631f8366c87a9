import { Field, Float, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EvidenceInput, EvidenceType } from '@pedigree/graphql-common';
import { LineageNodeType, LineageSourceInput, NodeRefInput } from '@pedigree/lineage';
import { NodeKind } from '@pedigree/core';
import { CheckpointSignatureInput } from '../signature/signature.graphql';
import { CheckpointFormat, TrainingMethod } from './checkpoint.record';

registerEnumType(CheckpointFormat, {
  name: 'CheckpointFormat',
  description: 'Serialization format of the weights.',
  valuesMap: {
    SAFETENSORS: { description: 'Hugging Face safetensors.' },
    GGUF: { description: 'GGUF, the llama.cpp format, usually quantized.' },
    ONNX: { description: 'ONNX graph with weights.' },
    PYTORCH: { description: 'PyTorch pickle (`.bin`/`.pt`).' },
    TENSORFLOW: { description: 'TensorFlow SavedModel or h5.' },
    FLAX: { description: 'Flax/JAX msgpack.' },
    MLX: { description: 'Apple MLX.' },
    OPENVINO: { description: 'OpenVINO IR.' },
    TENSORRT: { description: 'TensorRT engine.' },
    COREML: { description: 'Core ML package.' },
    OTHER: { description: 'Any other format.' },
  },
});
registerEnumType(TrainingMethod, {
  name: 'TrainingMethod',
  description: 'How a training run produced its checkpoint.',
  valuesMap: {
    PRETRAINING: { description: 'Training the weights from scratch.' },
    SFT: { description: 'Supervised fine-tuning.' },
    DPO: { description: 'Direct preference optimization.' },
    RLHF: { description: 'Reinforcement learning from human feedback.' },
    GRPO: { description: 'Group relative policy optimization.' },
    LORA: { description: 'Low-rank adaptation.' },
    QLORA: { description: 'LoRA on a quantized base.' },
    DISTILLATION: { description: 'Training on a teacher model outputs.' },
    CONTINUED_PRETRAINING: { description: 'More pretraining on new data.' },
    MERGE: { description: 'Weight merge of several parents.' },
    QUANTIZATION: { description: 'Conversion to lower precision.' },
  },
});

@ObjectType('Checkpoint', { implements: () => [LineageNodeType], description: 'An immutable weights artifact of a model, identified by digest.' })
export class CheckpointType {
  @Field(() => ID, { description: 'Registry id.' })
  id: string;

  @Field(() => NodeKind, { description: 'Always CHECKPOINT.' })
  kind: NodeKind;

  @Field({ description: 'The digest (a checkpoint is named by its content).' })
  name: string;

  @Field({ description: '`sha256:<64 hex>` over the weights (or their manifest).' })
  digest: string;

  @Field(() => [String], { description: 'Where the artifact is stored.' })
  uris: string[];

  @Field(() => CheckpointFormat, { description: 'Serialization format.' })
  format: CheckpointFormat;

  @Field(() => Float, { nullable: true, description: 'Size in bytes.' })
  sizeBytes: number | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was registered.' })
  registeredAt: Date;

  @Field({ description: 'Pipeline or person that registered it.' })
  registeredBy: string;
}

@ObjectType('TrainingRun', { description: 'The training step that produced a checkpoint, or a run stated for a whole model.' })
export class TrainingRunType {
  @Field(() => ID, { description: 'Registry id.' })
  id: string;

  @Field(() => EvidenceType, {
    nullable: true,
    description: "Support for a model's run (a claim); null for a checkpoint's run, which its registration evidences.",
  })
  evidence: EvidenceType | null;

  @Field(() => TrainingMethod, { description: 'SFT, DPO, LoRA, ...' })
  method: TrainingMethod;

  @Field(() => String, { nullable: true, description: 'Region where it ran, e.g. `us-east-1`.' })
  computeRegion: string | null;

  @Field(() => String, { nullable: true, description: 'Country where it ran (ISO alpha-2).' })
  computeCountry: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Start time.' })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End time.' })
  endedAt: Date | null;

  @Field({ description: 'Hyperparameters as a JSON object, serialized.' })
  hyperparametersJson: string;
}

@InputType({ description: 'The fine-tune step that produced the checkpoint.' })
export class TrainingRunInput {
  @Field(() => TrainingMethod, { description: 'How the checkpoint was produced.' })
  method: TrainingMethod;

  @Field(() => [NodeRefInput], { nullable: true, description: 'Datasets trained on; each becomes a TRAINED_ON edge.' })
  datasets?: NodeRefInput[];

  @Field(() => [NodeRefInput], { nullable: true, description: 'Teacher models; each becomes a DISTILLATION edge.' })
  teachers?: NodeRefInput[];

  @Field({ nullable: true, description: 'Compute provider organization (slug, alias or display name).' })
  computeProvider?: string;

  @Field({ nullable: true, description: 'Region, e.g. `eu-west-3`.' })
  computeRegion?: string;

  @Field({ nullable: true, description: 'Country where it ran. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`).' })
  computeCountry?: string;

  @Field({ nullable: true, description: 'Operator organization (slug, alias or display name).' })
  operator?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Start time.' })
  startedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End time.' })
  endedAt?: Date;

  @Field({ nullable: true, description: 'Hyperparameters as a JSON object, e.g. `{"lr":2e-5,"epochs":3}`.' })
  hyperparametersJson?: string;
}

@InputType({ description: 'Register a checkpoint with its lineage and training run in one transaction.' })
export class RegisterCheckpointInput {
  @Field(() => NodeRefInput, { description: 'The model this checkpoint is an artifact of.' })
  model: NodeRefInput;

  @Field({ description: '`sha256:<64 lower-case hex>`. Registering the same digest again is safe.' })
  digest: string;

  @Field(() => [String], { nullable: true, description: 'Storage URIs.' })
  uris?: string[];

  @Field(() => CheckpointFormat, { description: 'Serialization format.' })
  format: CheckpointFormat;

  @Field(() => Float, { nullable: true, description: 'Size in bytes.' })
  sizeBytes?: number;

  @Field({ description: 'Pipeline or person registering, e.g. `ci/acme-finetune`.' })
  registeredBy: string;

  @Field(() => [LineageSourceInput], { nullable: true, description: 'Parents: base checkpoints or models, merges, adapters.' })
  lineage?: LineageSourceInput[];

  @Field(() => TrainingRunInput, { nullable: true, description: 'The fine-tune step that produced it.' })
  trainingRun?: TrainingRunInput;

  @Field(() => EvidenceInput, { nullable: true, description: 'Defaults to a PIPELINE_DECLARATION by `registeredBy`.' })
  evidence?: EvidenceInput;

  @Field(() => CheckpointSignatureInput, {
    nullable: true,
    description:
      "An OMS v1.0 signature with the model's per-file digests. Anything short of VERIFIED for the publisher refuses the registration (SIGNATURE_INVALID) and writes nothing.",
  })
  signature?: CheckpointSignatureInput;
}
