import { invalidInput } from '../errors';

/** Registry ids are bigint identities: up to 18 digits stay below 2^63 and parse exactly. */
export const REGISTRY_ID = /^\d{1,18}$/;

export function isRegistryId(raw: string | null | undefined): raw is string {
  return typeof raw === 'string' && REGISTRY_ID.test(raw);
}

/** Throws INVALID_INPUT naming `field` unless `raw` is a registry id; `what` says which kind. */
export function assertRegistryId(raw: string, field: string, what = 'registry id'): string {
  if (!isRegistryId(raw)) throw invalidInput(field, `"${raw}" is not a ${what}`, 'a numeric id');
  return raw;
}
