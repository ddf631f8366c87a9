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
