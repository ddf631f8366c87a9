import { isDomainError } from '@pedigree/core';
import { normalizeLicense, isLicenseRef } from '@pedigree/licensing';
import { HUB_LICENSES, REF_KEY_OVERRIDES } from './hf-license-table';

/** How a card's license was read; everything but `hub-spdx` and `spdx` deserves a look. */
export type HfLicenseBasis =
  | 'hub-spdx' // a Hub id with an exact SPDX id
  | 'hub-ref' // a Hub id for a license SPDX does not list (Llama, Gemma, RAIL...)
  | 'license-name' // `other` with a `license_name`
  | 'spdx' // not a Hub id, but a valid SPDX expression (possibly corrected)
  | 'unrecognized' // kept as LicenseRef- of the text so nothing is lost
  | 'unknown'; // no usable license: absent, `unknown`, or `other` without a name

export interface HfLicenseMapping {
  /** SPDX expression or `LicenseRef-…` for `RegisterModelInput.license`; null means unknown. */
  license: string | null;
  /** Set when `license` is a LicenseRef- that must be registered before a model can use it. */
  licenseRef: string | null;
  /** A display name for registering `licenseRef`. */
  name: string | null;
  basis: HfLicenseBasis;
  /** Why a reviewer should look at this mapping; null when it is exact. */
  note: string | null;
}

/**
 * Maps a card's `license` (and `license_name` when it is `other`) to what the registry accepts.
 * Vendor model licenses become `LicenseRef-<hub id>` so every card naming `llama3.1` shares one
 * registered license, whatever else the card says.
 */
export function hfLicenseToSpdx(license: string | null | undefined, licenseName?: string | null): HfLicenseMapping {
  const raw = license?.trim() ?? '';
  const id = raw.toLowerCase();
  if (!raw) return unknown(null);
  if (id === 'unknown') return unknown('the card says license: unknown');
  if (id === 'other') {
    const name = licenseName?.trim();
    const key = name ? refKey(name) : null;
    if (!key) return unknown(`license: other without a usable license_name${name ? ` ("${name}")` : ''}`);
    return { license: key, licenseRef: key, name: name!, basis: 'license-name', note: null };
  }
  const hub = HUB_LICENSES[id];
  if (hub?.spdx) return { license: hub.spdx, licenseRef: null, name: hub.name, basis: 'hub-spdx', note: null };
  if (hub) {
    const key = REF_KEY_OVERRIDES[id] ?? refKey(id)!;
    const note = hub.family ? `"${raw}" names a family of licenses without a version; kept as ${key}` : null;
    return { license: key, licenseRef: key, name: hub.name, basis: 'hub-ref', note };
  }
  const spdx = asSpdx(raw);
  if (spdx) {
    const note = spdx.expression !== raw ? `"${raw}" is not a Hub license id; read as the SPDX expression ${spdx.expression}` : null;
    return { license: spdx.expression, licenseRef: spdx.ref, name: spdx.ref ? raw : null, basis: 'spdx', note };
  }
  const key = refKey(raw);
  if (!key) return unknown(`"${raw}" is neither a Hub license id nor an SPDX expression`);
  return {
    license: key,
    licenseRef: key,
    name: raw,
    basis: 'unrecognized',
    note: `"${raw}" is neither a Hub license id nor an SPDX expression; kept as ${key}`,
  };
}

/**
 * `LicenseRef-` allows letters, digits, `.` and `-`; anything else becomes `-`. Returns null when
 * nothing usable is left.
 */
export function refKey(text: string): string | null {
  if (isLicenseRef(text)) return text;
  const body = text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return body ? `LicenseRef-${body}` : null;
}

/** A valid SPDX expression that is a single LicenseRef- still has to be registered. */
function asSpdx(raw: string): { expression: string; ref: string | null } | null {
  try {
    const normalized = normalizeLicense(raw, 'license');
    if (!normalized) return null;
    if (normalized.customRefs.length === 0) return { expression: normalized.expression, ref: null };
    // An expression combining several LicenseRef- needs terms for each; not worth guessing here.
    return normalized.ids.length === 1 ? { expression: normalized.expression, ref: normalized.customRefs[0] } : null;
  } catch (e) {
    if (isDomainError(e)) return null;
    throw e;
  }
}

function unknown(note: string | null): HfLicenseMapping {
  return { license: null, licenseRef: null, name: null, basis: 'unknown', note };
}
