import { LAST_DAY, Role } from '../plan/models.plan';
import { datasetName, isoTime, modelName } from '../plan/names';
import { nodeId, SeedPlan } from '../plan/seed.plan';
import { hash32, Stream } from '../random';
import { cardEvidence, EvidenceFields, HUB } from './evidence';

/** One lineage claim of a model or dataset, as both its registration and its edge row state it. */
export interface Claim {
  sourceId: number;
  relation: string;
  mergeWeight: number | null;
  evidence: EvidenceFields;
}

const PARENT_RELATION: Partial<Record<Role, string>> = {
  [Role.FINETUNE]: 'FINETUNE',
  [Role.DISTILLED]: 'FINETUNE',
  [Role.ADAPTER]: 'ADAPTER',
  [Role.QUANTIZATION]: 'QUANTIZATION',
  [Role.MERGE]: 'MERGE',
  [Role.CONTINUED_PRETRAINING]: 'CONTINUED_PRETRAINING',
  [Role.PRUNING]: 'PRUNING',
};

/** Relations a model registration declares itself ("lineage"); DISTILLATION and TRAINED_ON are asserted separately. */
export const REGISTERED_RELATIONS = new Set(['FINETUNE', 'ADAPTER', 'MERGE', 'QUANTIZATION', 'CONTINUED_PRETRAINING', 'PRUNING']);

export function modelPage(name: string): string {
  return `${HUB}/${name}`;
}

/** A model's claims in a fixed order: weight parents, its teacher, then its training datasets. */
export function modelClaims(p: SeedPlan, i: number, name = modelName(p, i)): Claim[] {
  const m = p.models;
  const id = nodeId.model(p, i);
  const page = modelPage(name);
  const observed = isoTime(m.day[i], hash32(p.seed, Stream.MODEL, i, 2));
  const claims: Claim[] = [];
  const add = (sourceId: number, relation: string, mergeWeight: number | null) =>
    claims.push({ sourceId, relation, mergeWeight, evidence: cardEvidence(p.seed, id, claims.length, relation, page, observed) });
  const relation = PARENT_RELATION[m.role[i] as Role];
  if (relation && m.parent[i] >= 0) {
    const merged = [m.parent[i], ...m.mergeParents.subarray(m.mergeOffset[i], m.mergeOffset[i + 1])];
    const weights = relation === 'MERGE' ? mergeWeights(p.seed, i, merged.length) : null;
    merged.forEach((parent, k) => add(nodeId.model(p, parent), relation, weights?.[k] ?? null));
  }
  if (m.teacher[i] >= 0) add(nodeId.model(p, m.teacher[i]), 'DISTILLATION', null);
  const d = p.datasets;
  for (let k = d.trainedOffset[i]; k < d.trainedOffset[i + 1]; k++) add(nodeId.dataset(p, d.trainedOn[k]), 'TRAINED_ON', null);
  return claims;
}

/** A dataset's claims: the models that generated it, then the datasets it was derived from. */
export function datasetClaims(p: SeedPlan, d: number, name = datasetName(p, d)): Claim[] {
  const ds = p.datasets;
  const id = nodeId.dataset(p, d);
  const page = `${HUB}/datasets/${name}`;
  const observed = datasetObservedAt(p, d);
  const claims: Claim[] = [];
  const add = (sourceId: number, relation: string) =>
    claims.push({ sourceId, relation, mergeWeight: null, evidence: cardEvidence(p.seed, id, claims.length, relation, page, observed) });
  for (let k = ds.genOffset[d]; k < ds.genOffset[d + 1]; k++) add(nodeId.model(p, ds.generators[k]), 'GENERATED_BY');
  for (let k = ds.fromOffset[d]; k < ds.fromOffset[d + 1]; k++) add(nodeId.dataset(p, ds.sources[k]), 'DERIVED_FROM');
  return claims;
}

/** When a dataset card was read: after its generators' release, or any time for collected data. */
export function datasetObservedAt(p: SeedPlan, d: number): string {
  const position = p.datasets.position[d];
  const h = hash32(p.seed, Stream.DATASET, d, 2);
  const day = position >= 0 ? Math.min(LAST_DAY, p.models.day[position] + 1 + (h % 30)) : h % (LAST_DAY - 60);
  return isoTime(day, h);
}

/** Most merges state their weights (summing to 1); about a third leave them out, as many mergekit configs do. */
function mergeWeights(seed: number, i: number, n: number): number[] | null {
  if (hash32(seed, Stream.MODEL, i, 3) % 10 < 3) return null;
  const raw = Array.from({ length: n }, (_, k) => 1 + (hash32(seed, Stream.MODEL, i, 10 + k) % 100) / 100);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => Math.round((w / sum) * 1000) / 1000);
}
