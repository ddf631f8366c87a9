import { NodeKind } from '@pedigree/core';

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
  checkpointId: string;
  method: TrainingMethod;
  computeProviderId: string | null;
  computeRegion: string | null;
  computeCountry: string | null;
  operatorId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  hyperparameters: Record<string, unknown>;
}
