/**
 * The OpenSSF Model Signing (OMS) v1.0 vocabulary (ossf/model-signing-spec, spec/v1.0.md).
 * Section numbers in comments across this lib refer to that document.
 */

/** §4: the Sigstore bundle media type OMS producers write (bundle v0.3). */
export const OMS_BUNDLE_MEDIA_TYPES = ['application/vnd.dev.sigstore.bundle.v0.3+json', 'application/vnd.dev.sigstore.bundle+json;version=0.3'] as const;
/** §6.7: the DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** §8.3 rule 1. */
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** §5.1 and §8.3 rule 2. */
export const OMS_PREDICATE_TYPE = 'https://model_signing/signature/v1.0';

/** §4.1: how the bundle's verification material identifies the signer. */
export type SigningMethod = 'key' | 'certificate' | 'sigstore';

/**
 * VERIFIED: every rule held. INVALID: a rule failed (tampered, unsigned, untrusted, malformed).
 * UNVERIFIABLE: the bundle may be sound but cannot be checked here (a sigstore signature logged after
 * the trusted root expired).
 */
export type VerificationStatus = 'VERIFIED' | 'INVALID' | 'UNVERIFIABLE';

/** Every rule the verifier applies, so a caller can branch on a code rather than a message. */
export enum SignatureRule {
  /** §8.1: JSON that parses, with the bundle's fields. */
  BUNDLE_FORMAT = 'BUNDLE_FORMAT',
  /** §8.1: `mediaType` per the Sigstore bundle spec. */
  MEDIA_TYPE = 'MEDIA_TYPE',
  /** §6.7: the DSSE `payloadType`. */
  PAYLOAD_TYPE = 'PAYLOAD_TYPE',
  /** §8.3 rule 1 and the in-toto statement fields. */
  STATEMENT = 'STATEMENT',
  /** §8.3 rule 2. */
  PREDICATE_TYPE = 'PREDICATE_TYPE',
  /** §8.3 rule 3: the predicate against schemas/v1.0/predicate.schema.json. */
  PREDICATE_SCHEMA = 'PREDICATE_SCHEMA',
  /** §6.3: a serialization or hash this verifier does not implement (shards, blake2b, blake3). */
  UNSUPPORTED_SERIALIZATION = 'UNSUPPORTED_SERIALIZATION',
  /** §6.4 and §6.5.1: resources sorted by name and the subject digest over them. */
  ROOT_DIGEST = 'ROOT_DIGEST',
  /** §8.2: the DSSE signature over the PAE. */
  SIGNATURE = 'SIGNATURE',
  /** §8.2 certificate method: chain to a trusted CA, validity, usable for signing; sigstore method: the Fulcio chain and SCT. */
  CERTIFICATE_CHAIN = 'CERTIFICATE_CHAIN',
  /** Sigstore method: the Rekor entry (inclusion promise or proof, body) or a timestamp does not verify against the trusted root. */
  TRANSPARENCY_LOG = 'TRANSPARENCY_LOG',
  /** Pedigree's trust: the signer is not one the publisher's organization configured. */
  SIGNER_NOT_TRUSTED = 'SIGNER_NOT_TRUSTED',
  /** §8.4 rule 8: a signed file is absent. */
  FILE_MISSING = 'FILE_MISSING',
  /** §8.4 rule 8: a file's digest differs from the signed one. */
  FILE_MISMATCH = 'FILE_MISMATCH',
  /** §8.4 rule 9 and §8.5: a file present but not signed. */
  FILE_UNSIGNED = 'FILE_UNSIGNED',
  /** The registry's check: the checkpoint digest is not the one the signed weight files give. */
  DECLARED_DIGEST = 'DECLARED_DIGEST',
  /** Sigstore method: logged after the trusted root expired, so offline verification cannot vouch for it. */
  OFFLINE_UNVERIFIABLE = 'OFFLINE_UNVERIFIABLE',
}

export interface SignatureProblem {
  rule: SignatureRule;
  message: string;
  /** The model file a FILE_* problem is about. */
  file?: string;
}

/** §5.2.1: one entry of `predicate.resources`. */
export interface SignedResource {
  name: string;
  algorithm: string;
  digest: string;
}

/** §5.2.2: `predicate.serialization`. */
export interface SignedSerialization {
  method: string;
  hashType: string;
  allowSymlinks: boolean;
  ignorePaths: string[];
}

/** A file of the model as the verifier found it: a §6.1.2 canonical path and its SHA-256. */
export interface FileDigest {
  path: string;
  sha256: string;
}

export type SignerIdentity =
  | {
      method: 'key';
      /** The spec's key hint: hex SHA-256 of the public key's SubjectPublicKeyInfo PEM (§4.1, as the Python reference computes it). */
      fingerprint: string;
    }
  | {
      method: 'certificate' | 'sigstore';
      subject: string;
      issuer: string;
      /** Hex SHA-256 of the leaf certificate's DER. */
      fingerprint: string;
    };

/** What an organization trusts to sign for it. */
export interface TrustedSigners {
  /** Public keys (SubjectPublicKeyInfo PEM) for the key method. */
  keys: readonly string[];
  /** CA certificates (PEM) for the certificate method; `subject`, when set, pins the leaf's subject too. */
  certificateAuthorities: readonly { pem: string; subject?: string | null }[];
  /** Sigstore identities: the certificate's subject (SAN: an e-mail or workflow URI) and its OIDC issuer, both exact. */
  sigstoreIdentities?: readonly { subject: string; issuer: string }[];
}

export interface SignatureVerification {
  status: VerificationStatus;
  method: SigningMethod | null;
  signer: SignerIdentity | null;
  /** `subject[0].digest.sha256` as signed (§6.5), or null when the statement did not parse. */
  rootDigest: string | null;
  resources: SignedResource[];
  serialization: SignedSerialization | null;
  problems: SignatureProblem[];
  /**
   * The fingerprint of the trusted signer that vouched (the key, the CA, or the Sigstore identity),
   * as the registry stores it; null when none did.
   */
  trustedBy: string | null;
  /** What a verified result should still be read with, e.g. an expired Sigstore trusted root. */
  notices: string[];
}
