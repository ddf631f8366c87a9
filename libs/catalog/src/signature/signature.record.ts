import { FileDigest, SigningMethod } from '@pedigree/model-signing';

export type TrustedSignerKind = 'KEY' | 'CERTIFICATE_AUTHORITY' | 'SIGSTORE_IDENTITY';

export interface TrustedSignerRemoval {
  reason: string;
  removedBy: string;
  removedAt: Date;
}

export interface TrustedSignerRecord {
  id: string;
  organizationId: string;
  kind: TrustedSignerKind;
  /** Null for a Sigstore identity. */
  pem: string | null;
  fingerprint: string;
  subject: string | null;
  /** Sigstore identity: the OIDC issuer. */
  issuer: string | null;
  addedBy: string;
  addedAt: Date;
  /** Set once an admin removed it; it then vouches for nothing. */
  removal: TrustedSignerRemoval | null;
}

/**
 * A checkpoint's signature as verified at registration (the evidence row), with where its trust
 * stands now: UNTRUSTED once the signer that vouched was removed, or once the model's publisher is
 * no longer the organization it was verified for.
 */
export interface CheckpointSignatureRecord {
  id: string;
  checkpointId: string;
  status: 'VERIFIED' | 'INVALID' | 'UNTRUSTED';
  method: SigningMethod;
  signerFingerprint: string;
  signerSubject: string | null;
  signerIssuer: string | null;
  rootDigest: string;
  bundle: string;
  files: FileDigest[];
  verifiedAt: Date;
  recordedBy: string;
  /** Slug of the organization whose trusted signers vouched; null for rows from before it was recorded. */
  trustedFor: string | null;
  /** Why a VERIFIED record is no longer trusted; null while it is. */
  untrustedReason: string | null;
  /** The trusted signer that vouched; null for a certificate-method row from before it was recorded. */
  trustedSignerId: string | null;
}

/** VERIFIED, INVALID or UNTRUSTED as above; UNSIGNED when a checkpoint has no signature record. */
export type CheckpointSignatureStatus = 'VERIFIED' | 'INVALID' | 'UNTRUSTED' | 'UNSIGNED';

export interface SignatureTrustRow {
  status: 'VERIFIED' | 'INVALID';
  organization_id: string | null;
  trusted_for: string | null;
  current_publisher_id: string;
  current_publisher: string;
  signer_removed_at: Date | null;
  signer_removal_reason: string | null;
}

/** Where a recorded verification's trust stands now (see CheckpointSignatureRecord). */
export function trustNow(row: SignatureTrustRow): Pick<CheckpointSignatureRecord, 'status' | 'untrustedReason'> {
  if (row.status !== 'VERIFIED') return { status: row.status, untrustedReason: null };
  if (row.signer_removed_at)
    return {
      status: 'UNTRUSTED',
      untrustedReason: `the trusted signer that vouched was removed on ${row.signer_removed_at.toISOString()}: ${row.signer_removal_reason}`,
    };
  if (row.organization_id !== null && String(row.organization_id) !== String(row.current_publisher_id))
    return {
      status: 'UNTRUSTED',
      untrustedReason: `verified for the publisher ${row.trusted_for}; the model's publisher is now ${row.current_publisher}`,
    };
  return { status: 'VERIFIED', untrustedReason: null };
}
