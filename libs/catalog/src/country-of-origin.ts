import { Evidence } from '@pedigree/core';
import { CatalogLoaders } from './catalog.loaders';
import { CountrySource } from './model/model.graphql';

export interface CountryClaim {
  country: string | null;
  source: CountrySource;
  evidence: Evidence | null;
}

/** An explicit override wins; otherwise the country of the publisher's ultimate parent (with that org's evidence). */
export async function countryOfOrigin(
  record: { publisherId: string; countryOverride: string | null; countryEvidence: Evidence | null },
  loaders: CatalogLoaders,
): Promise<CountryClaim> {
  if (record.countryOverride) return { country: record.countryOverride, source: CountrySource.OVERRIDE, evidence: record.countryEvidence };
  const root = await loaders.organizationRoot.load(record.publisherId);
  const owner = root?.countryOrgId ? await loaders.organization.load(root.countryOrgId) : null;
  return { country: root?.rootCountry ?? null, source: CountrySource.PUBLISHER, evidence: owner?.evidence ?? null };
}
