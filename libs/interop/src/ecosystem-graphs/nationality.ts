import countries from 'i18n-iso-countries';
import { normalizeCountry } from '@pedigree/core';

/** What a free-text nationality says. */
export type Nationality =
  | { kind: 'unknown' }
  /** An international collaboration has no single jurisdiction, so no country is claimed. */
  | { kind: 'international' }
  /** One or more ISO alpha-2 codes, in the order written ("Canada/Switzerland" → CA, CH). */
  | { kind: 'countries'; codes: string[] }
  | { kind: 'unrecognized'; text: string };

/** Spellings i18n-iso-countries does not know or reads differently; everything else goes through it. */
const ALIASES: Record<string, string> = { uk: 'GB', 'great britain': 'GB', england: 'GB', usa: 'US', us: 'US', uae: 'AE' };
const UNKNOWN = /^(unknown|unkown|none|n\/a|-|)$/i;
const SEPARATORS = /\s*(?:\/|,|;|&|\band\b)\s*/i;

/** Reads "USA", "UK", "Canada/Switzerland", "USA, China", "International" or "unknown". */
export function readNationality(text: string | null | undefined): Nationality {
  const t = text?.trim() ?? '';
  if (UNKNOWN.test(t)) return { kind: 'unknown' };
  if (/^international$/i.test(t)) return { kind: 'international' };
  // Whole text first, so "Trinidad and Tobago" is one country, not two unknown ones.
  const whole = countryCode(t);
  if (whole) return { kind: 'countries', codes: [whole] };
  const codes: string[] = [];
  for (const part of t.split(SEPARATORS).filter(Boolean)) {
    const code = countryCode(part);
    if (!code) return { kind: 'unrecognized', text: t };
    codes.push(code);
  }
  return codes.length ? { kind: 'countries', codes } : { kind: 'unrecognized', text: t };
}

/** An ISO alpha-2 code for a country name or code, validated by the registry's own rule; null when unknown. */
export function countryCode(text: string): string | null {
  const t = text.trim();
  const candidate =
    ALIASES[t.toLowerCase()] ??
    (/^[A-Za-z]{2}$/.test(t) ? t.toUpperCase() : undefined) ??
    (/^[A-Za-z]{3}$/.test(t) ? countries.alpha3ToAlpha2(t.toUpperCase()) : undefined) ??
    countries.getAlpha2Code(t, 'en');
  if (!candidate) return null;
  try {
    return normalizeCountry(candidate, 'nationality');
  } catch {
    return null;
  }
}

export function describeCountry(code: string): string {
  return `${countries.getName(code, 'en') ?? code} (${code})`;
}

/** The country of each organization of one asset, and why some could not be given one. */
export interface CountryAssignment {
  countries: (string | null)[];
  problem: { kind: 'international-nationality' | 'nationality-unpaired' | 'nationality-unrecognized'; detail: string } | null;
}

/**
 * A nationality belongs to the asset, not to each of its organizations. It is given to them only
 * when the asset names exactly as many organizations as countries, paired in order; otherwise no
 * organization gets a country from it, because a wrong country is worse for export control and
 * sanctions screening than an unknown one.
 */
export function assignCountries(organizations: readonly string[], nationality: Nationality): CountryAssignment {
  const none = organizations.map(() => null);
  switch (nationality.kind) {
    case 'unknown':
      return { countries: none, problem: null };
    case 'international':
      return {
        countries: none,
        problem: {
          kind: 'international-nationality',
          detail: `nationality "International": no single jurisdiction, so no country is recorded for ${list(organizations)}`,
        },
      };
    case 'unrecognized':
      return {
        countries: none,
        problem: {
          kind: 'nationality-unrecognized',
          detail: `nationality "${nationality.text}" names no country; ${list(organizations)} registered without one`,
        },
      };
    case 'countries':
      if (nationality.codes.length === organizations.length) return { countries: [...nationality.codes], problem: null };
      return {
        countries: none,
        problem: {
          kind: 'nationality-unpaired',
          detail:
            `${nationality.codes.length} ${nationality.codes.length === 1 ? 'country' : 'countries'} (${nationality.codes.map(describeCountry).join(', ')}) ` +
            `for ${organizations.length} organizations (${list(organizations)}): cannot tell which is whose, so none is recorded; candidates: ${nationality.codes.join(', ')}`,
        },
      };
  }
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}
