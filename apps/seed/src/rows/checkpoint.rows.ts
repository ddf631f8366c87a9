import { json, num, row, textArray } from '../copy-text';
import { OrgRole } from '../plan/organizations.plan';
import { LAST_DAY, Role } from '../plan/models.plan';
import { checkpointDigest, isoTime, modelName } from '../plan/names';
import { nodeId, RUN_DATASETS, SeedPlan } from '../plan/seed.plan';
import { REGIONS, SIZES } from '../plan/vocabulary';
import { hash32, Stream } from '../random';
import { comparable, EvidenceFields, HUB, pipelineEvidence } from './evidence';
import { TableRows } from './table-rows';

const QUANT_FORMATS = ['GGUF', 'GGUF', 'GGUF', 'GGUF', 'SAFETENSORS', 'SAFETENSORS', 'MLX', 'ONNX'];
const FORMATS = ['SAFETENSORS', 'SAFETENSORS', 'SAFETENSORS', 'SAFETENSORS', 'SAFETENSORS', 'SAFETENSORS', 'PYTORCH', 'ONNX', 'FLAX', 'OPENVINO'];
const METHODS: Record<Role, readonly string[]> = {
  [Role.API]: [],
  [Role.ROOT]: ['CONTINUED_PRETRAINING'],
  [Role.FINETUNE]: ['SFT', 'SFT', 'DPO', 'RLHF', 'GRPO'],
  [Role.DISTILLED]: ['DISTILLATION'],
  [Role.ADAPTER]: ['LORA', 'LORA', 'QLORA'],
  [Role.QUANTIZATION]: ['QUANTIZATION'],
  [Role.MERGE]: ['MERGE'],
  [Role.CONTINUED_PRETRAINING]: ['CONTINUED_PRETRAINING'],
  [Role.PRUNING]: ['SFT'],
};

/** What one checkpoint row and its edges share; recomputed by both streams so neither keeps state. */
export interface CheckpointFacts {
  model: number;
  id: number;
  digest: string;
  registeredBy: string;
  registeredAt: string;
  evidence: EvidenceFields;
  runId: number;
}

export function checkpointFacts(p: SeedPlan, i: number, c: number): CheckpointFacts {
  const k = c - p.checkpoints.offset[i];
  const registeredBy = `pipeline/${p.orgs[p.models.publisher[i]].slug}`;
  const registeredAt = isoTime(Math.min(LAST_DAY, p.models.day[i] + k * 3), hash32(p.seed, Stream.CHECKPOINT, c, 1));
  return {
    model: i,
    id: nodeId.checkpoint(p, c),
    digest: checkpointDigest(p.seed, c),
    registeredBy,
    registeredAt,
    evidence: pipelineEvidence(registeredBy, registeredAt),
    runId: p.checkpoints.run[c],
  };
}

/** Datasets a checkpoint's training run names: the first RUN_DATASETS of its model's. */
export function runDatasets(p: SeedPlan, i: number): Int32Array {
  const d = p.datasets;
  return d.trainedOn.subarray(d.trainedOffset[i], Math.min(d.trainedOffset[i + 1], d.trainedOffset[i] + RUN_DATASETS));
}

export function checkpointRows(p: SeedPlan): TableRows {
  const m = p.models;
  return {
    table: 'checkpoint',
    columns: ['id', 'model_id', 'digest', 'uris', 'format', 'size_bytes', 'registered_at', 'registered_by', 'registration'],
    expected: p.checkpoints.count,
    *rows() {
      for (let i = 0; i < m.count; i++) {
        const first = p.checkpoints.offset[i];
        const last = p.checkpoints.offset[i + 1];
        if (first === last) continue;
        const name = modelName(p, i);
        const quantized = m.role[i] === Role.QUANTIZATION;
        const bytesPerParameter = quantized ? 0.56 : 2;
        for (let c = first; c < last; c++) {
          const f = checkpointFacts(p, i, c);
          const h = hash32(p.seed, Stream.CHECKPOINT, c, 2);
          const format = quantized ? QUANT_FORMATS[h % QUANT_FORMATS.length] : FORMATS[h % FORMATS.length];
          const size = Math.round(SIZES[m.size[i]][1] * bytesPerParameter);
          const uris = [`${HUB}/${name}/resolve/${f.digest.slice(7, 19)}/`];
          const run = f.runId ? trainingRun(p, i, c, f) : null;
          const registration = {
            evidence: comparable(f.evidence, false),
            format,
            lineage: [],
            modelId: String(nodeId.model(p, i)),
            registeredBy: f.registeredBy,
            sizeBytes: size,
            ...(run ? { trainingRun: run.registration } : {}),
            uris,
          };
          yield row([
            String(f.id),
            String(nodeId.model(p, i)),
            f.digest,
            textArray(uris),
            format,
            num(size),
            f.registeredAt,
            f.registeredBy,
            json(registration),
          ]);
        }
      }
    },
  };
}

export function trainingRunRows(p: SeedPlan): TableRows {
  return {
    table: 'training_run',
    columns: [
      'id',
      'checkpoint_id',
      'method',
      'compute_provider_id',
      'compute_region',
      'compute_country',
      'operator_id',
      'started_at',
      'ended_at',
      'hyperparameters',
    ],
    expected: p.checkpoints.runCount,
    *rows() {
      for (let i = 0; i < p.models.count; i++) {
        for (let c = p.checkpoints.offset[i]; c < p.checkpoints.offset[i + 1]; c++) {
          if (!p.checkpoints.run[c]) continue;
          const f = checkpointFacts(p, i, c);
          const r = trainingRun(p, i, c, f);
          yield row([
            String(f.runId),
            String(f.id),
            r.method,
            String(r.providerId),
            r.region,
            r.country,
            String(r.operatorId),
            r.startedAt,
            r.endedAt,
            json(r.hyperparameters),
          ]);
        }
      }
    },
  };
}

function trainingRun(p: SeedPlan, i: number, c: number, f: CheckpointFacts) {
  const h = hash32(p.seed, Stream.RUN, c, 1);
  const methods = METHODS[p.models.role[i] as Role];
  const method = methods[h % methods.length];
  const clouds = cloudsOf(p);
  const provider = clouds[(h >>> 4) % clouds.length];
  const [region, country] = REGIONS[(h >>> 8) % REGIONS.length];
  const hours = 2 + ((h >>> 12) % 200);
  const startedAt = new Date(Date.parse(f.registeredAt) - (hours + 1) * 3_600_000).toISOString();
  const endedAt = new Date(Date.parse(f.registeredAt) - 3_600_000).toISOString();
  const hyperparameters = { epochs: 1 + ((h >>> 20) % 4), learning_rate: [1e-5, 2e-5, 5e-5, 1e-4, 2e-4][(h >>> 22) % 5] };
  const operatorId = p.orgs[p.models.publisher[i]].id;
  const sources: [string, string][] = [...runDatasets(p, i)].map((d) => ['TRAINED_ON', String(nodeId.dataset(p, d))]);
  if (p.models.teacher[i] >= 0) sources.push(['DISTILLATION', String(nodeId.model(p, p.models.teacher[i]))]);
  const registration = {
    computeCountry: country,
    computeProviderId: String(provider.id),
    computeRegion: region,
    endedAt,
    hyperparameters,
    method,
    operatorId: String(operatorId),
    sources,
    startedAt,
  };
  return { method, providerId: provider.id, region, country, operatorId, startedAt, endedAt, hyperparameters, registration };
}

const clouds = new WeakMap<SeedPlan, SeedPlan['orgs']>();
function cloudsOf(p: SeedPlan): SeedPlan['orgs'] {
  let found = clouds.get(p);
  if (!found) clouds.set(p, (found = p.orgs.filter((o) => o.role === OrgRole.CLOUD)));
  return found;
}
