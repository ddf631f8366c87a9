import { Role } from './models.plan';
import { SeedPlan } from './seed.plan';

/** Figures the plan knows without asking the database; the SQL checks are in docs/synthetic-data.md. */
export function planShape(p: SeedPlan): Record<string, unknown> {
  const m = p.models;
  const roles: Record<string, number> = {};
  let maxDepth = 0;
  let maxMergeParents = 0;
  for (let i = 0; i < m.count; i++) {
    roles[Role[m.role[i]]] = (roles[Role[m.role[i]]] ?? 0) + 1;
    maxDepth = Math.max(maxDepth, m.depth[i]);
    if (m.role[i] === Role.MERGE) maxMergeParents = Math.max(maxMergeParents, 1 + m.mergeOffset[i + 1] - m.mergeOffset[i]);
  }
  const families = [...m.familySize.values()].sort((a, b) => b - a);
  return {
    organizations: p.orgs.length,
    countries: new Set(p.orgs.map((o) => o.country).filter(Boolean)).size,
    maxOwnershipDepth: Math.max(...p.orgs.map((o) => o.depth)),
    apiModels: m.apiCount,
    baseModels: m.rootCount,
    roles,
    largestFamiliesModels: families.slice(0, 5),
    maxModelDepth: maxDepth,
    maxMergeParents,
    datasets: p.datasets.count,
    syntheticDatasets: countSegments(p.datasets.genOffset),
    checkpoints: p.checkpoints.count,
    trainingRuns: p.checkpoints.runCount,
    deployments: p.deployed.length,
  };
}

function countSegments(offset: Int32Array): number {
  let n = 0;
  for (let i = 0; i + 1 < offset.length; i++) if (offset[i + 1] > offset[i]) n++;
  return n;
}
