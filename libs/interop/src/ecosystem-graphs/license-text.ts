import { normalizeLicense } from '@pedigree/licensing';

/** What a free-text license says, as the registry can record it. */
export type LicenseReading =
  | { kind: 'unknown' }
  /** An SPDX expression the registry accepts as is, e.g. `Apache-2.0` from "Apache 2.0". */
  | { kind: 'spdx'; expression: string }
  /** Anything else: a `LicenseRef-` that is registered with the original text as its name. */
  | { kind: 'ref'; key: string; text: string };

/**
 * Texts that say nothing about the terms. "unknkown" is a misspelling that occurs in the file;
 * "none" is read as "no license stated", which is also not a grant.
 */
const UNKNOWN = /^(unknown|unknkown|none|n\/a|noassertion|)$/i;
/** Texts that name no license, only that the publisher has its own: one per publisher, not one shared by all. */
const PUBLISHER_SPECIFIC = /^(custom|proprietary|other|commercial)$/i;
const MAX_KEY_TEXT = 80;

/**
 * Maps license text with the registry's own normalizer (spdx-correct, applied per operand and only
 * where the correction is a spelling of one id). Raw spdx-correct is not enough: it reads
 * "Limited use license to Cohere platform users" as MIT and "mC4, OSCAR" as OSC-1.0.
 */
export function readLicense(text: string | null | undefined, publisherSlug: string): LicenseReading {
  const t = text?.trim() ?? '';
  if (UNKNOWN.test(t)) return { kind: 'unknown' };
  try {
    const normalized = normalizeLicense(creativeCommons(t) ?? t, 'license');
    if (normalized && !normalized.customRefs.length) return { kind: 'spdx', expression: normalized.expression };
  } catch {
    // Not an SPDX expression: falls through to a LicenseRef.
  }
  return { kind: 'ref', key: licenseRefKey(PUBLISHER_SPECIFIC.test(t) ? `${publisherSlug}-${t}` : t), text: t };
}

/**
 * "CC BY-NC 4.0", "CC by-NC-SA 4.0": Creative Commons names are unambiguous once the version is
 * given, but spdx-correct only knows the all-spaces or all-hyphens spellings. Without a version
 * ("CC-BY-NC") the text stays a LicenseRef: 2.0 and 4.0 differ in what they allow.
 */
function creativeCommons(text: string): string | null {
  const m = /^CC[\s-]+(BY(?:[\s-]+(?:NC|SA|ND))*)[\s-]+v?(\d\.\d)$/i.exec(text);
  return m
    ? `CC-${m[1]
        .toUpperCase()
        .split(/[\s-]+/)
        .join('-')}-${m[2]}`
    : null;
}

/** `LicenseRef-` plus the text reduced to letters, digits, `.` and `-`, cut at a word boundary. */
export function licenseRefKey(text: string): string {
  let body = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (body.length > MAX_KEY_TEXT) body = body.slice(0, MAX_KEY_TEXT).replace(/-[^-]*$/, '');
  return `LicenseRef-${body || 'unnamed'}`;
}
