import { FileDigest, SigningMethod } from '@pedigree/model-signing';

export type TrustedSignerKind = 'KEY' | 'CERTIFICATE_AUTHORITY';

export interface TrustedSignerRecord {
  id: string;
  organizationId: string;
  kind: TrustedSignerKind;
  pem: string;
  fingerprint: string;
  subject: string | null;
  addedBy: string;
  addedAt: Date;
}

/** A checkpoint's signature as verified at registration: the evidence row. */
export interface CheckpointSignatureRecord {
  id: string;
  checkpointId: string;
  status: 'VERIFIED' | 'INVALID';
  method: SigningMethod;
  signerFingerprint: string;
  signerSubject: string | null;
  signerIssuer: string | null;
  rootDigest: string;
  bundle: string;
  files: FileDigest[];
  verifiedAt: Date;
  recordedBy: string;
}

/** VERIFIED or INVALID as recorded; UNSIGNED when a checkpoint has no signature record. */
export type CheckpointSignatureStatus = 'VERIFIED' | 'INVALID' | 'UNSIGNED';
