import { createPublicKey, X509Certificate } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { DomainError, ErrorCode, invalidInput, requestContext } from '@pedigree/core';
import { Db } from '@pedigree/database';
import {
  checkpointDigestOf,
  FileDigest,
  keyFingerprint,
  SignatureRule,
  SignatureVerification,
  TrustedSigners,
  verifyModelSignature,
} from '@pedigree/model-signing';
import { OrganizationService } from '../organization/organization.service';
import { CheckpointSignatureRecord, TrustedSignerKind, TrustedSignerRecord } from './signature.record';
import { SignatureRepository } from './signature.repository';

export interface CheckpointSignatureCommand {
  /** The OMS bundle (the `model.sig` file), as text. */
  bundle: string;
  /** Every file of the model the CLI found, with its SHA-256. */
  files: FileDigest[];
}

export interface AddTrustedSignerCommand {
  organization: string;
  kind: TrustedSignerKind;
  pem: string;
  subject?: string | null;
}

/** A signature that passed every rule, ready to be recorded with the checkpoint. */
export type VerifiedSignature = Omit<CheckpointSignatureRecord, 'id' | 'checkpointId' | 'verifiedAt' | 'recordedBy'>;

@Injectable()
export class SignatureService {
  constructor(
    private readonly db: Db,
    private readonly signatures: SignatureRepository,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditRecorder,
  ) {}

  /**
   * Verifies a registration's signature for the model's publisher: the OMS rules, the signer among
   * the publisher's trusted signers, and the checkpoint digest recomputed from the signed weight files.
   * Anything short of VERIFIED throws SIGNATURE_INVALID, so the registration writes nothing.
   */
  async verify(publisherId: string, digest: string, input: CheckpointSignatureCommand): Promise<VerifiedSignature> {
    if (!input.bundle?.trim()) throw invalidInput('input.signature.bundle', 'is empty', 'the OMS bundle (model.sig) as JSON text');
    const trust = toTrust(await this.signatures.trustedSigners([publisherId]));
    const result = verifyModelSignature(input.bundle, { trust, files: input.files });
    const problems = [...result.problems];
    // From the signed resources, not from every file sent: a file under an ignored path (`.git/…`)
    // is never compared with the signature, so it must not reach the digest either.
    const signedDigest = checkpointDigestOf(result.resources.map((r) => ({ path: r.name, sha256: r.digest })));
    if (!problems.length && signedDigest !== digest)
      problems.push({
        rule: SignatureRule.DECLARED_DIGEST,
        message: `input.digest ${digest} is not the digest of the signed weight files (${signedDigest})`,
      });
    if (problems.length || result.status !== 'VERIFIED' || !result.signer || !result.method || !result.rootDigest) throw signatureInvalid(result, problems);
    const signer = result.signer;
    return {
      status: 'VERIFIED',
      method: result.method,
      signerFingerprint: signer.fingerprint,
      signerSubject: signer.method === 'key' ? null : signer.subject,
      signerIssuer: signer.method === 'key' ? null : signer.issuer,
      rootDigest: result.rootDigest,
      bundle: input.bundle,
      files: [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    };
  }

  /** Appends the evidence row, unless the latest one already holds this very bundle (a retried registration). */
  async record(checkpointId: string, verified: VerifiedSignature, recordedBy: string): Promise<string | null> {
    const [latest] = await this.signatures.latestByCheckpoints([checkpointId]);
    if (latest?.bundle === verified.bundle) return null;
    const id = await this.signatures.insertSignature({ ...verified, checkpointId, recordedBy });
    await this.audit.record(
      'recordCheckpointSignature',
      { checkpointId, method: verified.method, signer: verified.signerFingerprint, bundle: verified.bundle },
      [checkpointId, id],
    );
    return id;
  }

  async addTrustedSigner(input: AddTrustedSignerCommand): Promise<TrustedSignerRecord> {
    const { fingerprint, subject } = identityOf(input);
    return this.db.transaction(async () => {
      const org = await this.orgs.require(input.organization, 'input.organization');
      const { record, created } = await this.signatures.addTrustedSigner({
        organizationId: org.id,
        kind: input.kind,
        pem: input.pem.trim() + '\n',
        fingerprint,
        subject,
        addedBy: requestContext.principal().actor,
      });
      if (created) await this.audit.record('addTrustedSigner', input, [org.id, record.id]);
      return record;
    });
  }

  async trustedSigners(organization: string): Promise<TrustedSignerRecord[]> {
    const org = await this.orgs.require(organization, 'organization');
    return this.signatures.trustedSigners([org.id]);
  }

  latestByCheckpoints(ids: readonly string[]): Promise<CheckpointSignatureRecord[]> {
    return this.signatures.latestByCheckpoints(ids);
  }
}

function toTrust(rows: readonly TrustedSignerRecord[]): TrustedSigners {
  return {
    keys: rows.filter((r) => r.kind === 'KEY').map((r) => r.pem),
    certificateAuthorities: rows.filter((r) => r.kind === 'CERTIFICATE_AUTHORITY').map((r) => ({ pem: r.pem, subject: r.subject })),
  };
}

function identityOf(input: AddTrustedSignerCommand): { fingerprint: string; subject: string | null } {
  try {
    if (input.kind === 'KEY') return { fingerprint: keyFingerprint(createPublicKey(input.pem)), subject: null };
    const ca = new X509Certificate(input.pem);
    if (!ca.ca) throw new Error('not a CA');
    return { fingerprint: ca.fingerprint256.replace(/:/g, '').toLowerCase(), subject: input.subject?.trim() || null };
  } catch {
    throw invalidInput('input.pem', input.kind === 'KEY' ? 'is not a PEM public key' : 'is not a PEM CA certificate', 'PEM text (-----BEGIN …-----)');
  }
}

function signatureInvalid(result: SignatureVerification, problems: SignatureVerification['problems']): DomainError {
  const first = problems[0]?.message ?? `the signature is ${result.status}`;
  return new DomainError(
    ErrorCode.SIGNATURE_INVALID,
    `input.signature: ${first}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.`,
    'input.signature',
    {
      status: result.status,
      signer: result.signer,
      problems,
    },
  );
}
