import { KeyObject, verify } from 'node:crypto';

/**
 * DSSE v1 Pre-Authentication Encoding (secure-systems-lab/dsse protocol.md, referenced by OMS §6.7):
 * `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in bytes as ASCII decimals.
 */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/**
 * The hash an ECDSA key signs with follows its curve, as in the Python reference
 * (`get_ec_key_hash`) and the algorithm registry: P-256/SHA-256, P-384/SHA-384, P-521/SHA-512.
 * Ed25519 hashes internally (no separate digest). Anything else is refused.
 */
export function signatureHashFor(key: KeyObject): string | null | undefined {
  if (key.asymmetricKeyType === 'ed25519') return null;
  if (key.asymmetricKeyType !== 'ec') return undefined;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return ({ prime256v1: 'sha256', secp384r1: 'sha384', secp521r1: 'sha512' } as Record<string, string>)[curve ?? ''];
}

/** True when `signature` (DER for ECDSA) signs the PAE of the envelope with `key`. */
export function verifyDsse(key: KeyObject, payloadType: string, payload: Buffer, signature: Buffer): boolean {
  const hash = signatureHashFor(key);
  if (hash === undefined) return false;
  try {
    return verify(hash, pae(payloadType, payload), key, signature);
  } catch {
    return false;
  }
}
