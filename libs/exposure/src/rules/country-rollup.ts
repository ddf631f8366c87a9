import { ExplainedDependency } from './dependencies';
import { Explained, groupExplained, RollupContext } from './rollup';

export interface CountryExposure extends Explained {
  /** ISO 3166-1 alpha-2, or null for ancestors whose country is unknown. */
  country: string | null;
}

export function countryRollup(ctx: RollupContext, deps: readonly ExplainedDependency[] = []): CountryExposure[] {
  return [
    ...groupExplained(
      ctx,
      (n) => n.country,
      deps,
      (d) => d.country,
    ),
  ].map(([country, explained]) => ({ country, ...explained }));
}
