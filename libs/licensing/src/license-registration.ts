import { CustomLicenseRecord } from './custom-license.record';

/** Terms added after the first licenses were registered; stored registrations predating them lack the key. */
const LATER_TERMS = ['forbidsCompetingModels'] as const;
type LaterTerm = (typeof LATER_TERMS)[number];

/**
 * The terms that re-registration compares. A later term is left out while it holds its default
 * (false), so a license registered before the term existed still compares equal when sent again
 * without it, and a registration that sets it differs from one that does not.
 */
export function comparableLicenseTerms<T extends Pick<CustomLicenseRecord, LaterTerm>>(record: T): Omit<T, LaterTerm> & Partial<Pick<T, LaterTerm>> {
  const out: Partial<T> = { ...record };
  for (const term of LATER_TERMS) if (!record[term]) delete out[term];
  return out as Omit<T, LaterTerm> & Partial<Pick<T, LaterTerm>>;
}
