import { intFrom } from '@pedigree/database';

export type LineageIndexMode = 'memory' | 'cte';

/**
 * `memory` (default) answers walks from the in-process index; `cte` runs a recursive CTE per
 * walk. Both implement one interface and pass one test suite; `cte` needs no start-up load.
 */
export function readLineageIndexMode(env: NodeJS.ProcessEnv = process.env): LineageIndexMode {
  const raw = (env.PEDIGREE_LINEAGE_INDEX ?? 'memory').trim().toLowerCase();
  if (raw !== 'memory' && raw !== 'cte') throw new Error(`PEDIGREE_LINEAGE_INDEX must be "memory" or "cte", got "${env.PEDIGREE_LINEAGE_INDEX}"`);
  return raw;
}

/**
 * How often the index reads the change feed even without a notification (default 500 ms). NOTIFY
 * normally brings other instances' writes within milliseconds; the poll covers what a dropped
 * connection lost.
 */
export function readLineagePollMs(env: NodeJS.ProcessEnv = process.env): number {
  return intFrom(env.PEDIGREE_LINEAGE_POLL_MS, 500, 'PEDIGREE_LINEAGE_POLL_MS');
}
