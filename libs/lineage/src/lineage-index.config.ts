import { config } from '@pedigree/config';

export type LineageIndexMode = 'memory' | 'cte';

/**
 * `memory` (default) answers walks from the in-process index; `cte` runs a recursive CTE per
 * walk. Both implement one interface and pass one test suite; `cte` needs no start-up load.
 */
export function readLineageIndexMode(): LineageIndexMode {
  return config().lineageIndex;
}

/**
 * How often the index reads the change feed even without a notification (default 500 ms). NOTIFY
 * normally brings other instances' writes within milliseconds; the poll covers what a dropped
 * connection lost.
 */
export function readLineagePollMs(): number {
  return config().lineagePollMs;
}
