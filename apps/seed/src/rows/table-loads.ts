import { SeedPlan } from '../plan/seed.plan';
import { checkpointRows, trainingRunRows } from './checkpoint.rows';
import { deploymentRows } from './deployment.rows';
import { edgeRows } from './edge.rows';
import { datasetRows, lineageNodeRows, modelRows } from './node.rows';
import { aliasRows, customLicenseRows, organizationRows, ownershipStakeRows } from './organization.rows';
import { TableRows } from './table-rows';

/** Every table's rows, in load order: what a row references is always loaded before it. */
export function tableLoads(plan: SeedPlan): TableRows[] {
  const { edges, retractions } = edgeRows(plan);
  return [
    organizationRows(plan),
    ownershipStakeRows(plan),
    aliasRows(plan),
    customLicenseRows(),
    lineageNodeRows(plan),
    modelRows(plan),
    datasetRows(plan),
    checkpointRows(plan),
    trainingRunRows(plan),
    edges,
    retractions,
    deploymentRows(plan),
  ];
}
