import { cumulative, Random, zipfCdf } from '../random';
import { LicenseTable, NO_LICENSE } from './licenses';
import { Access, ModelPlan, Role } from './models.plan';
import { OrgRole, PlannedOrganization } from './organizations.plan';

export const DATASET_SHARE = 0.05;
const SYNTHETIC_SHARE = 0.25;
const DERIVED_FROM_SHARE = 0.05;

export interface DatasetPlan {
  count: number;
  publisher: Uint16Array;
  license: Uint8Array;
  /** Models that generated dataset d: generators[genOffset[d] .. genOffset[d+1]). */
  genOffset: Int32Array;
  generators: Int32Array;
  /** Earlier datasets d was built from (DERIVED_FROM), when the schema has that relation. */
  fromOffset: Int32Array;
  sources: Int32Array;
  /**
   * The highest model index d depends on, -1 when none. A model may train on d only if its own
   * index is higher, which keeps model → dataset → model paths acyclic.
   */
  position: Int32Array;
  /** Datasets model i was trained on: trainedOn[trainedOffset[i] .. trainedOffset[i+1]). */
  trainedOffset: Int32Array;
  trainedOn: Int32Array;
}

/** How many TRAINED_ON datasets a model of each role declares: [chance of any, max]. */
const TRAINING_DATA: Partial<Record<Role, readonly [number, number]>> = {
  [Role.ROOT]: [0.6, 4],
  [Role.FINETUNE]: [0.65, 3],
  [Role.DISTILLED]: [1, 2],
  [Role.CONTINUED_PRETRAINING]: [1, 2],
  [Role.ADAPTER]: [0.4, 1],
  [Role.PRUNING]: [0.2, 1],
};

/**
 * A quarter of the datasets are synthetic: GENERATED_BY one or two models, mostly API models.
 * Dataset popularity follows a Zipf law, so a handful of datasets are in a large share of the
 * TRAINED_ON edges, as on the Hub.
 */
export function planDatasets(rng: Random, models: ModelPlan, orgs: readonly PlannedOrganization[], licenses: LicenseTable, derivedFrom: boolean): DatasetPlan {
  const count = Math.max(10, Math.round(models.count * DATASET_SHARE));
  const publishers = rng.shuffle(orgs.map((o, i) => (o.role === OrgRole.LAB || o.role === OrgRole.COMMUNITY ? i : -1)).filter((i) => i >= 0));
  const publisherCdf = zipfCdf(publishers.length, 1);
  const licenseCdf = cumulative(licenses.datasetWeights);
  const apiCdf = zipfCdf(models.apiCount, 1);
  const publisher = new Uint16Array(count);
  const license = new Uint8Array(count);
  const position = new Int32Array(count).fill(-1);
  const genOffset = new Int32Array(count + 1);
  const fromOffset = new Int32Array(count + 1);
  const generators: number[] = [];
  const sources: number[] = [];
  const openModel = () => {
    for (let tries = 0; tries < 20; tries++) {
      const m = rng.int(models.apiCount, models.count - 1);
      const role = models.role[m];
      if (role !== Role.QUANTIZATION && role !== Role.ADAPTER && models.access[m] === Access.OPEN_WEIGHTS) return m;
    }
    return models.apiCount;
  };

  for (let d = 0; d < count; d++) {
    publisher[d] = publishers[rng.weighted(publisherCdf)];
    license[d] = rng.chance(0.17) ? NO_LICENSE : rng.weighted(licenseCdf);
    if (rng.chance(SYNTHETIC_SHARE)) {
      const n = rng.chance(0.75) ? 1 : 2;
      for (let g = 0; g < n; g++) {
        const m = rng.chance(0.6) ? rng.weighted(apiCdf) : openModel();
        if (has(generators, genOffset[d], m)) continue;
        generators.push(m);
        position[d] = Math.max(position[d], m);
      }
    }
    genOffset[d + 1] = generators.length;
    if (derivedFrom && d > 0 && rng.chance(DERIVED_FROM_SHARE)) {
      const n = rng.chance(0.8) ? 1 : 2;
      for (let s = 0; s < n; s++) {
        const source = rng.int(0, d - 1);
        if (has(sources, fromOffset[d], source)) continue;
        sources.push(source);
        position[d] = Math.max(position[d], position[source]);
      }
    }
    fromOffset[d + 1] = sources.length;
  }
  const { trainedOffset, trainedOn } = planTraining(rng, models, position);
  return {
    count,
    publisher,
    license,
    genOffset,
    generators: Int32Array.from(generators),
    fromOffset,
    sources: Int32Array.from(sources),
    position,
    trainedOffset,
    trainedOn,
  };
}

function planTraining(rng: Random, models: ModelPlan, position: Int32Array) {
  const popularity = rng.shuffle(Array.from(position.keys()));
  const cdf = zipfCdf(popularity.length, 1);
  const trainedOffset = new Int32Array(models.count + 1);
  const trainedOn: number[] = [];
  for (let i = 0; i < models.count; i++) {
    const spec = TRAINING_DATA[models.role[i] as Role];
    if (spec && rng.chance(spec[0])) {
      const want = rng.int(1, spec[1]);
      const start = trainedOn.length;
      for (let tries = 0; trainedOn.length - start < want && tries < want * 6; tries++) {
        const d = popularity[rng.weighted(cdf)];
        if (position[d] < i && !has(trainedOn, start, d)) trainedOn.push(d);
      }
    }
    trainedOffset[i + 1] = trainedOn.length;
  }
  return { trainedOffset, trainedOn: Int32Array.from(trainedOn) };
}

/** Whether `value` is already in the segment that starts at `from` (segments hold a few items). */
function has(list: readonly number[], from: number, value: number): boolean {
  for (let j = from; j < list.length; j++) if (list[j] === value) return true;
  return false;
}
