import { Evidence, NodeKind } from '@pedigree/core';

export enum CheckpointFormat {
  SAFETENSORS = 'SAFETENSORS',
  GGUF = 'GGUF',
  ONNX = 'ONNX',
  PYTORCH = 'PYTORCH',
  TENSORFLOW = 'TENSORFLOW',
  FLAX = 'FLAX',
  MLX = 'MLX',
  OPENVINO = 'OPENVINO',
  TENSORRT = 'TENSORRT',
  COREML = 'COREML',
  OTHER = 'OTHER',
}

export enum TrainingMethod {
  PRETRAINING = 'PRETRAINING',
  SFT = 'SFT',
  DPO = 'DPO',
  RLHF = 'RLHF',
  GRPO = 'GRPO',
  LORA = 'LORA',
  QLORA = 'QLORA',
  DISTILLATION = 'DISTILLATION',
  CONTINUED_PRETRAINING = 'CONTINUED_PRETRAINING',
  MERGE = 'MERGE',
  QUANTIZATION = 'QUANTIZATION',
}

export interface CheckpointRecord {
  id: string;
  kind: NodeKind.CHECKPOINT;
  /** The digest: a checkpoint's name is its content address. */
  name: string;
  modelId: string;
  digest: string;
  uris: string[];
  format: CheckpointFormat;
  sizeBytes: number | null;
  registeredAt: Date;
  registeredBy: string;
}

export interface TrainingRunRecord {
  id: string;
  /** Exactly one of checkpointId and modelId is set. */
  checkpointId: string | null;
  modelId: string | null;
  /** Set for a model's run (a claim); null for a checkpoint's run. */
  evidence: Evidence | null;
  method: TrainingMethod;
  computeProviderId: string | null;
  computeRegion: string | null;
  computeCountry: string | null;
  operatorId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  hyperparameters: Record<string, unknown>;
}
