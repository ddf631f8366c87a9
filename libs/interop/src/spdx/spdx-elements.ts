/**
 * Small builders for SPDX 3.0.1 JSON-LD objects. Every element refers to one shared CreationInfo
 * blank node, and Pedigree facts SPDX has no property for ride in the `extension` profile's
 * CycloneDX property entries, under the same `pedigree:*` names the CycloneDX writer uses.
 */
export type SpdxObject = Record<string, unknown>;

export const SPDX_CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld';
export const SPDX_VERSION = '3.0.1';
export const CREATION_INFO_ID = '_:creationinfo';
export const NO_ASSERTION_LICENSE = 'expandedlicensing_NoAssertionLicense';

export function element(type: string, spdxId: string, fields: SpdxObject): SpdxObject {
  return { type, spdxId, creationInfo: CREATION_INFO_ID, ...fields };
}

export function relationship(spdxId: string, from: string, relationshipType: string, to: string[], fields: SpdxObject = {}): SpdxObject {
  return element('Relationship', spdxId, { from, relationshipType, to, ...fields });
}

/** `[name, value]` pairs with null values dropped; no extension at all when nothing is left. */
export function properties(pairs: [string, string | number | boolean | null][]): SpdxObject {
  const entries = pairs
    .filter(([, v]) => v !== null)
    .map(([name, v]) => ({ type: 'extension_CdxPropertyEntry', extension_cdxPropName: name, extension_cdxPropValue: String(v) }));
  return entries.length ? { extension: [{ type: 'extension_CdxPropertiesExtension', extension_cdxProperty: entries }] } : {};
}

/** SPDX wants a full date-time; the registry records release days. */
export function releaseTime(date: string | null): SpdxObject {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { releaseTime: `${date}T00:00:00Z` } : {};
}

export function definedOnly(fields: Record<string, unknown>): SpdxObject {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));
}
