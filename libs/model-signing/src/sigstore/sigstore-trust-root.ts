import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, TrustMaterial } from '@sigstore/verify';
import publicGood from './sigstore-public-good.json';

/**
 * A Sigstore trusted root (Fulcio CAs, Rekor and CT log keys, timestamp authorities, each with its
 * validity window), and how far it can be believed: TUF metadata expires so that a client notices
 * keys rotated or revoked after it last looked. An air-gapped registry cannot look, so it says when.
 */
export interface SigstoreTrustRoot {
  /** Where it came from, for people. */
  source: string;
  /** When the metadata it was shipped with expires; null when the file does not say. */
  expires: Date | null;
  material: TrustMaterial;
}

export class TrustRootFormatError extends Error {}

const TRUSTED_ROOT_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v0\.\d+)?\+json(;version=0\.\d+)?$/;
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function materialOf(trustedRoot: unknown, where: string): TrustMaterial {
  if (!isObject(trustedRoot) || typeof trustedRoot.mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test(trustedRoot.mediaType))
    throw new TrustRootFormatError(`${where}: mediaType is not application/vnd.dev.sigstore.trustedroot+json`);
  try {
    return toTrustMaterial(TrustedRoot.fromJSON(trustedRoot));
  } catch (e) {
    throw new TrustRootFormatError(`${where}: not a Sigstore trusted root (${(e as Error).message})`);
  }
}

/**
 * Reads either a bare `trusted_root.json` (as `cosign trusted-root create` or a TUF client writes
 * it) or Pedigree's wrapper `{ source, expires, trustedRoot }`, which also records when it expires.
 */
export function parseSigstoreTrustRoot(json: string, source: string): SigstoreTrustRoot {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new TrustRootFormatError(`${source}: not JSON`);
  }
  if (isObject(doc) && 'trustedRoot' in doc) {
    const expires = typeof doc.expires === 'string' ? new Date(doc.expires) : null;
    if (expires && Number.isNaN(expires.getTime())) throw new TrustRootFormatError(`${source}: expires is not an ISO 8601 time`);
    return { source: typeof doc.source === 'string' ? doc.source : source, expires, material: materialOf(doc.trustedRoot, `${source} trustedRoot`) };
  }
  return { source, expires: null, material: materialOf(doc, source) };
}

let bundled: SigstoreTrustRoot | null = null;

/** The public-good root shipped with this build (src/sigstore/sigstore-public-good.json). */
export function bundledSigstoreTrustRoot(): SigstoreTrustRoot {
  bundled ??= parseSigstoreTrustRoot(JSON.stringify(publicGood), 'bundled Sigstore public-good root');
  return bundled;
}
