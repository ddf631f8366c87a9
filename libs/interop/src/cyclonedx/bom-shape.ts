import countries from 'i18n-iso-countries';
import { invalidInput } from '@pedigree/core';

/**
 * Structural checks for untrusted BOM JSON. Every failure names the JSON path of the offending
 * value (e.g. `components[3].pedigree.ancestors[0].name`), so a user can find it in a large file.
 */
export type Json = Record<string, unknown>;

export interface PropertyAt {
  name: string;
  value: string | null;
  /** Path of the property's value, for error messages. */
  path: string;
}

export function objectAt(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidInput(path, 'must be a JSON object');
  return value as Json;
}

export function optionalObjectAt(value: unknown, path: string): Json | null {
  return value === undefined || value === null ? null : objectAt(value, path);
}

/** An absent array reads as empty: CycloneDX leaves out empty lists. */
export function arrayAt(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput(path, 'must be an array');
  return value;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string' || !value.trim()) throw invalidInput(path, 'is required and must be a non-empty string');
  return value;
}

export function optionalStringAt(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidInput(path, 'must be a string');
  return value;
}

export function propertiesAt(owner: Json, path: string): PropertyAt[] {
  return arrayAt(owner.properties, `${path}.properties`).map((raw, i) => {
    const at = `${path}.properties[${i}]`;
    const p = objectAt(raw, at);
    return { name: stringAt(p.name, `${at}.name`), value: optionalStringAt(p.value, `${at}.value`), path: `${at}.value` };
  });
}

export function numberFrom(p: PropertyAt): number {
  const n = p.value === null || !p.value.trim() ? NaN : Number(p.value);
  if (!Number.isFinite(n)) throw invalidInput(p.path, `"${p.value}" is not a number`, 'a decimal number');
  return n;
}

export function booleanFrom(p: PropertyAt): boolean {
  if (p.value === 'true') return true;
  if (p.value === 'false') return false;
  throw invalidInput(p.path, `"${p.value}" is not a boolean`, 'true or false');
}

export function oneOf<T extends string>(p: PropertyAt, allowed: readonly T[]): T {
  if (p.value !== null && (allowed as readonly string[]).includes(p.value)) return p.value as T;
  throw invalidInput(p.path, `"${p.value}" is not allowed`, allowed.join(', '));
}

/** CycloneDX allows a country name or an ISO alpha-2 code; Pedigree stores the code. */
export function countryAt(value: unknown, path: string): string | null {
  const raw = optionalStringAt(value, path)?.trim();
  if (!raw) return null;
  const code = /^[A-Za-z]{2}$/.test(raw) ? raw.toUpperCase() : countries.getAlpha2Code(raw, 'en');
  if (!code || !countries.isValid(code))
    throw invalidInput(path, `"${raw}" is not a country`, 'an ISO 3166-1 alpha-2 code such as US, or an English country name');
  return code;
}

/**
 * A component's `licenses` as one SPDX expression. A named license without an SPDX id cannot be
 * expressed, and dropping it would overstate what is allowed, so the whole answer becomes unknown.
 */
export function licenseAt(value: unknown, path: string): string | null {
  const parts: string[] = [];
  for (const [i, raw] of arrayAt(value, path).entries()) {
    const entry = objectAt(raw, `${path}[${i}]`);
    if (entry.expression !== undefined) {
      parts.push(stringAt(entry.expression, `${path}[${i}].expression`).trim());
      continue;
    }
    const license = objectAt(entry.license, `${path}[${i}].license`);
    const id = optionalStringAt(license.id, `${path}[${i}].license.id`);
    if (!id) return null;
    parts.push(id.trim());
  }
  if (parts.length <= 1) return parts[0] ?? null;
  return parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
}
