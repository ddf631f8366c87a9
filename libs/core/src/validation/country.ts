import countries from 'i18n-iso-countries';
import { invalidInput } from '../errors';

/** Returns the upper-case ISO 3166-1 alpha-2 code, or throws naming `field`. Null passes: unknown is a valid answer. */
export function normalizeCountry(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !countries.isValid(code)) {
    throw invalidInput(field, `"${value}" is not a country code`, 'an ISO 3166-1 alpha-2 code such as US, CN, FR');
  }
  return code;
}

export function countryName(code: string): string | null {
  return countries.getName(code, 'en') ?? null;
}
