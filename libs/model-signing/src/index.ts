// OpenSSF Model Signing v1.0 verification (pure: no I/O, no network). See docs/signatures.md.
export { IN_TOTO_PAYLOAD_TYPE, IN_TOTO_STATEMENT_TYPE, OMS_BUNDLE_MEDIA_TYPES, OMS_PREDICATE_TYPE, SignatureRule } from './model-signing.types';
export type {
  FileDigest,
  SignatureProblem,
  SignatureVerification,
  SignedResource,
  SignedSerialization,
  SignerIdentity,
  SigningMethod,
  TrustedSigners,
  VerificationStatus,
} from './model-signing.types';
export { verifyModelSignature } from './verify-model-signature';
export type { VerifyOptions } from './verify-model-signature';
export { DEFAULT_IGNORE_PATHS, canonicalPath, compareManifest, isIgnored } from './manifest';
export { rootDigestOf } from './bundle-parse';
export { keyFingerprint } from './signer-material';
export { pae } from './dsse';
export { WEIGHT_FILE, checkpointDigestOf, weightsManifestText } from './checkpoint-digest';
export { readSignedManifest } from './bundle-parse';
export { bundledSigstoreTrustRoot, parseSigstoreTrustRoot, TrustRootFormatError } from './sigstore/sigstore-trust-root';
export type { SigstoreTrustRoot } from './sigstore/sigstore-trust-root';
export { sigstoreIdentityFingerprint } from './sigstore/sigstore-signer';
