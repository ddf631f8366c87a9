import { config } from '@pedigree/config';

export type LineageIndexMode = 'memory' | 'cte';

/**
 * `memory` (default) answers walks from the in-process index; `cte` runs a recursive CTE per
 * walk. Both implement one interface and pass one test suite; `cte` needs no start-up load.
 */
export function readLineageIndexMode(): LineageIndexMode {
  return config().lineageIndex;
}
