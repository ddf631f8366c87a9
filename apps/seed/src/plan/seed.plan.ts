import { Random } from '../random';
import { DatasetPlan, planDatasets } from './datasets.plan';
import { CUSTOM_LICENSES, licenseTable, LicenseTable } from './licenses';
import { Access, ModelPlan, planModels, Role } from './models.plan';
import { PlannedOrganization, planOrganizations } from './organizations.plan';

export const DEPLOYMENT_SHARE = 0.01;
const EXTRA_CHECKPOINT_SHARE = 0.03;
/** Share of checkpoints that come with a declared training run, by the role of their model. */
const RUN_SHARE: Record<Role, number> = {
  [Role.API]: 0,
  [Role.ROOT]: 0.3,
  [Role.FINETUNE]: 0.12,
  [Role.DISTILLED]: 0.12,
  [Role.CONTINUED_PRETRAINING]: 0.12,
  [Role.ADAPTER]: 0.12,
  [Role.PRUNING]: 0.1,
  [Role.MERGE]: 0.05,
  [Role.QUANTIZATION]: 0.03,
};
/** A training run names at most this many of its model's datasets (TRAINED_ON edges on the checkpoint). */
export const RUN_DATASETS = 2;

export interface CheckpointPlan {
  count: number;
  /** Checkpoints of model i: offset[i] .. offset[i+1]. API-only models have none: there are no weights to digest. */
  offset: Int32Array;
  /** Training run id of checkpoint c, 0 for none. Ids are dense, in checkpoint order. */
  run: Int32Array;
  runCount: number;
}

export interface SeedPlan {
  seed: number;
  orgs: PlannedOrganization[];
  licenses: LicenseTable;
  models: ModelPlan;
  datasets: DatasetPlan;
  checkpoints: CheckpointPlan;
  /** Models with a deployment (on their latest checkpoint, or on the API model itself). */
  deployed: Int32Array;
  /** Row counts the load will produce, except retractions, which are drawn while edges stream. */
  expected: Record<string, number>;
}

/** lineage_node ids: models first, then datasets, then checkpoints. */
export const nodeId = {
  model: (_p: SeedPlan, i: number) => i + 1,
  dataset: (p: SeedPlan, d: number) => p.models.count + d + 1,
  checkpoint: (p: SeedPlan, c: number) => p.models.count + p.datasets.count + c + 1,
};

export function planSeed(seed: number, modelCount: number, options: { derivedFrom: boolean }): SeedPlan {
  const licenses = licenseTable();
  const orgs = planOrganizations(new Random(seed, 1), licenses.rootWeights);
  const models = planModels(new Random(seed, 2), modelCount, orgs, licenses);
  const datasets = planDatasets(new Random(seed, 3), models, orgs, licenses, options.derivedFrom);
  const checkpoints = planCheckpoints(new Random(seed, 4), models);
  const deployed = planDeployments(new Random(seed, 5), models);
  const plan = { seed, orgs, licenses, models, datasets, checkpoints, deployed, expected: {} };
  plan.expected = expectedRows(plan);
  return plan;
}

function planCheckpoints(rng: Random, models: ModelPlan): CheckpointPlan {
  const offset = new Int32Array(models.count + 1);
  for (let i = 0; i < models.count; i++) {
    const n = models.role[i] === Role.API ? 0 : rng.chance(EXTRA_CHECKPOINT_SHARE) ? rng.int(2, 4) : 1;
    offset[i + 1] = offset[i] + n;
  }
  const count = offset[models.count];
  const run = new Int32Array(count);
  let runCount = 0;
  for (let i = 0; i < models.count; i++) {
    const share = RUN_SHARE[models.role[i] as Role];
    for (let c = offset[i]; c < offset[i + 1]; c++) if (rng.chance(share)) run[c] = ++runCount;
  }
  return { count, offset, run, runCount };
}

function planDeployments(rng: Random, models: ModelPlan): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < models.count; i++) {
    if (models.access[i] !== Access.CLOSED && rng.chance(DEPLOYMENT_SHARE)) out.push(i);
  }
  return Int32Array.from(out);
}

function expectedRows(p: SeedPlan): Record<string, number> {
  const { models: m, datasets: d, checkpoints: c } = p;
  let edges = m.mergeParents.length + d.generators.length + d.sources.length + d.trainedOn.length + c.count;
  for (let i = 0; i < m.count; i++) {
    const ownEdges = (m.parent[i] >= 0 ? 1 : 0) + (m.teacher[i] >= 0 ? 1 : 0);
    const runEdges = Math.min(RUN_DATASETS, d.trainedOffset[i + 1] - d.trainedOffset[i]) + (m.teacher[i] >= 0 ? 1 : 0);
    edges += ownEdges;
    for (let k = c.offset[i]; k < c.offset[i + 1]; k++) if (c.run[k]) edges += runEdges;
  }
  return {
    organization: p.orgs.length,
    ownership_stake: p.orgs.filter((o) => o.parentId !== null).length,
    organization_alias: p.orgs.reduce((n, o) => n + 1 + o.aliases.length, 0),
    custom_license: CUSTOM_LICENSES.length,
    lineage_node: m.count + d.count + c.count,
    model: m.count,
    dataset: d.count,
    checkpoint: c.count,
    training_run: c.runCount,
    lineage_edge: edges,
    deployment: p.deployed.length,
  };
}
