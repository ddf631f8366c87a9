import countries from 'i18n-iso-countries';
import { invalidInput } from '../errors';

const ACCEPTED = 'an ISO 3166-1 code (alpha-2 such as US, CN, DE, or alpha-3 such as DEU) or an English country name such as Germany';

/**
 * The upper-case ISO 3166-1 alpha-2 code for what a person typed: an alpha-2 or alpha-3 code, or
 * an English name ("Germany", "United Kingdom", "South Korea"), or throws naming `field`.
 * Null passes: unknown is a valid answer.
 */
export function normalizeCountry(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  const code = text.toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && countries.isValid(code)) return code;
  if (/^[A-Z]{3}$/.test(code) && countries.isValid(code)) return countries.alpha3ToAlpha2(code) ?? null;
  const named = text.length > 3 ? countries.getAlpha2Code(text, 'en') : undefined;
  if (named) return named;
  throw invalidInput(field, `"${value}" is not a country`, ACCEPTED);
}

export function countryName(code: string): string | null {
  return countries.getName(code, 'en') ?? null;
}
