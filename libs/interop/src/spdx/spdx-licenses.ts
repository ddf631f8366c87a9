import { LineageDocument } from '../lineage-document';
import { LICENSE_PREFIX } from '../cyclonedx/cyclonedx-bom';
import { element, NO_ASSERTION_LICENSE, properties, relationship, SpdxObject } from './spdx-elements';
import { licenseRefsIn } from '@pedigree/licensing';

/** SPDX documents themselves are always CC0-1.0 (SPDX 3.0.1, SpdxDocument.dataLicense). */
const DATA_LICENSE = 'CC0-1.0';

export function licenseId(ns: string, expression: string): string {
  return `${ns}license/${encodeURIComponent(expression)}`;
}

/**
 * One `simplelicensing_LicenseExpression` per distinct expression. `LicenseRef-` ids map to the
 * license's URL (customIdToUri), and their registered terms ride along as `pedigree:license:*`
 * properties, as in the CycloneDX BOM, so a reader can register them.
 */
export function licenseElements(doc: LineageDocument, ns: string): { elements: SpdxObject[]; dataLicense: string } {
  const custom = new Map(doc.customLicenses.map((l) => [l.key, l]));
  const expressions = [...new Set([...doc.nodes.filter((n) => n.kind !== 'CHECKPOINT' && n.license).map((n) => n.license!), DATA_LICENSE])];
  const elements = expressions.map((expression) => {
    const refs = licenseRefsIn(expression).flatMap((key) => (custom.has(key) ? [custom.get(key)!] : []));
    const uris = refs.filter((l) => l.url).map((l) => ({ type: 'DictionaryEntry', key: l.key, value: l.url }));
    return element('simplelicensing_LicenseExpression', licenseId(ns, expression), {
      simplelicensing_licenseExpression: expression,
      ...(uris.length ? { simplelicensing_customIdToUri: uris } : {}),
      ...properties(
        refs.flatMap((l): [string, string | number | boolean | null][] => [
          [`${LICENSE_PREFIX}${l.key}:name`, l.name],
          [`${LICENSE_PREFIX}${l.key}:commercialUse`, l.commercialUse],
          [`${LICENSE_PREFIX}${l.key}:nonCommercial`, l.nonCommercial],
          [`${LICENSE_PREFIX}${l.key}:attributionRequired`, l.attributionRequired],
          [`${LICENSE_PREFIX}${l.key}:userThreshold`, l.userThreshold],
          ...l.useRestrictions.map((r): [string, string] => [`${LICENSE_PREFIX}${l.key}:useRestriction`, r]),
        ]),
      ),
    });
  });
  return { elements, dataLicense: licenseId(ns, DATA_LICENSE) };
}

/**
 * The AI profile requires exactly one declared and one concluded license per AI package. The
 * registry's license is the one it accepted with evidence, so it serves as both; unknown is
 * NoAssertion, never a guess. Datasets get the same pair for consistency.
 */
export function licenseRelationships(doc: LineageDocument, ns: string, idOf: (ref: string) => string, relId: () => string): SpdxObject[] {
  return doc.nodes
    .filter((n) => n.kind !== 'CHECKPOINT')
    .flatMap((n) => {
      const to = n.license ? licenseId(ns, n.license) : NO_ASSERTION_LICENSE;
      return [relationship(relId(), idOf(n.ref), 'hasDeclaredLicense', [to]), relationship(relId(), idOf(n.ref), 'hasConcludedLicense', [to])];
    });
}
