import { readFileSync } from 'node:fs';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { config } from '@pedigree/config';
import { DomainError, ErrorCode, invalidInput, notFound, requestContext } from '@pedigree/core';
import { Db } from '@pedigree/database';
import {
  bundledSigstoreTrustRoot,
  checkpointDigestOf,
  FileDigest,
  parseSigstoreTrustRoot,
  SignatureRule,
  SignatureVerification,
  SigstoreTrustRoot,
  TrustedSigners,
  verifyModelSignature,
} from '@pedigree/model-signing';
import { OrganizationService } from '../organization/organization.service';
import { CheckpointSignatureRecord, TrustedSignerKind, TrustedSignerRecord } from './signature.record';
import { SignatureRepository } from './signature.repository';
import { trustedSignerIdentity } from './trusted-signer-identity';

export interface CheckpointSignatureCommand {
  /** The OMS bundle (the `model.sig` file), as text. */
  bundle: string;
  /** Every file of the model the CLI found, with its SHA-256. */
  files: FileDigest[];
}

export interface AddTrustedSignerCommand {
  organization: string;
  kind: TrustedSignerKind;
  pem?: string | null;
  subject?: string | null;
  issuer?: string | null;
}

export interface RemoveTrustedSignerCommand {
  organization: string;
  fingerprint: string;
  reason: string;
}

/** A signature that passed every rule, ready to be recorded with the checkpoint. */
export type VerifiedSignature = Omit<
  CheckpointSignatureRecord,
  'id' | 'checkpointId' | 'verifiedAt' | 'recordedBy' | 'trustedFor' | 'untrustedReason' | 'trustedSignerId'
> & {
  status: 'VERIFIED';
  /** The publisher whose trusted signers vouched, and the one that did. */
  organizationId: string;
  trustedSignerId: string;
  notices: string[];
};

@Injectable()
export class SignatureService implements OnModuleInit {
  private readonly logger = new Logger('SignatureService');
  private sigstoreRoot: SigstoreTrustRoot | null = null;

  constructor(
    private readonly db: Db,
    private readonly signatures: SignatureRepository,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditRecorder,
  ) {}

  /** A configured root that cannot be read stops the start, rather than failing every sigstore registration later. */
  onModuleInit(): void {
    const file = config().sigstoreTrustedRootFile;
    if (!file) this.sigstoreRoot = bundledSigstoreTrustRoot();
    else {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new Error(`PEDIGREE_SIGSTORE_TRUSTED_ROOT=${file} cannot be read: ${(e as Error).message}`, { cause: e });
      }
      this.sigstoreRoot = parseSigstoreTrustRoot(text, file);
    }
    const expires = this.sigstoreRoot.expires;
    if (expires && expires < new Date())
      this.logger.warn(
        `The Sigstore trusted root (${this.sigstoreRoot.source}) expired on ${expires.toISOString()}: sigstore signatures logged after that are refused. Set PEDIGREE_SIGSTORE_TRUSTED_ROOT to a current trusted_root.json.`,
      );
  }

  /**
   * Verifies a registration's signature for the model's publisher: the OMS rules, the signer among
   * the publisher's trusted signers, and the checkpoint digest recomputed from the signed weight files.
   * Anything short of VERIFIED throws SIGNATURE_INVALID, so the registration writes nothing.
   */
  async verify(publisherId: string, digest: string, input: CheckpointSignatureCommand): Promise<VerifiedSignature> {
    if (!input.bundle?.trim()) throw invalidInput('input.signature.bundle', 'is empty', 'the OMS bundle (model.sig) as JSON text');
    // Held to commit: a removal of these signers waits for this registration, and this for it.
    await this.signatures.lockOrganizationTrust(publisherId, 'shared');
    const signers = await this.signatures.trustedSigners([publisherId]);
    const result = verifyModelSignature(input.bundle, { trust: toTrust(signers), files: input.files, sigstoreRoot: this.sigstoreRoot ?? undefined });
    const problems = [...result.problems];
    // From the signed resources, not from every file sent: a file under an ignored path (`.git/…`)
    // is never compared with the signature, so it must not reach the digest either.
    const signedDigest = checkpointDigestOf(result.resources.map((r) => ({ path: r.name, sha256: r.digest })));
    if (!problems.length && signedDigest !== digest)
      problems.push({
        rule: SignatureRule.DECLARED_DIGEST,
        message: `input.digest ${digest} is not the digest of the signed weight files (${signedDigest})`,
      });
    const vouched = signers.find((t) => t.fingerprint === result.trustedBy);
    if (problems.length || result.status !== 'VERIFIED' || !result.signer || !result.method || !result.rootDigest || !vouched)
      throw signatureInvalid(result, problems);
    const signer = result.signer;
    for (const notice of result.notices) this.logger.warn(`input.signature: ${notice}`);
    return {
      status: 'VERIFIED',
      organizationId: publisherId,
      trustedSignerId: vouched.id,
      notices: result.notices,
      method: result.method,
      signerFingerprint: signer.fingerprint,
      signerSubject: signer.method === 'key' ? null : signer.subject,
      signerIssuer: signer.method === 'key' ? null : signer.issuer,
      rootDigest: result.rootDigest,
      bundle: input.bundle,
      files: [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    };
  }

  /** Appends the evidence row, unless the latest one already holds this very bundle, still trusted (a retried registration). */
  async record(checkpointId: string, verified: VerifiedSignature, recordedBy: string): Promise<string | null> {
    const [latest] = await this.signatures.latestByCheckpoints([checkpointId]);
    // Still vouched for: a retry. A bundle whose signer was removed and trusted again is verified anew.
    // A row without its signer (a certificate verified before signers were recorded) is re-bound.
    if (latest?.bundle === verified.bundle && latest.status === 'VERIFIED' && latest.trustedSignerId) return null;
    const { notices, ...row } = verified;
    const id = await this.signatures.insertSignature({ ...row, checkpointId, recordedBy });
    await this.audit.record(
      'recordCheckpointSignature',
      { checkpointId, method: verified.method, signer: verified.signerFingerprint, trustedSigner: verified.trustedSignerId, bundle: verified.bundle, notices },
      [checkpointId, id],
    );
    return id;
  }

  /** Idempotent: a signer still trusted with the same fingerprint is returned as it is. */
  async addTrustedSigner(input: AddTrustedSignerCommand): Promise<TrustedSignerRecord> {
    const identity = trustedSignerIdentity(input);
    return this.db.transaction(async () => {
      const org = await this.orgs.require(input.organization, 'input.organization');
      await this.signatures.lockOrganizationTrust(org.id, 'exclusive');
      const existing = await this.signatures.latestByFingerprint(org.id, identity.fingerprint);
      if (existing && !existing.removal) return existing;
      const record = await this.signatures.insertTrustedSigner({
        organizationId: org.id,
        kind: input.kind,
        ...identity,
        addedBy: requestContext.principal().actor,
      });
      await this.audit.record('addTrustedSigner', input, [org.id, record.id]);
      return record;
    });
  }

  /**
   * Ends a signer's trust with a new record. Checkpoints it vouched for turn UNTRUSTED and their
   * policies are re-evaluated. Repeating a removal returns the removed signer and writes nothing.
   */
  async removeTrustedSigner(input: RemoveTrustedSignerCommand): Promise<TrustedSignerRecord> {
    const reason = input.reason?.trim();
    if (!reason) throw invalidInput('input.reason', 'is empty', 'why the signer is no longer trusted, e.g. "key rotated after the 2026-11 incident"');
    const fingerprint = input.fingerprint?.trim().toLowerCase();
    return this.db.transaction(async () => {
      const org = await this.orgs.require(input.organization, 'input.organization');
      await this.signatures.lockOrganizationTrust(org.id, 'exclusive');
      const signer = await this.signatures.latestByFingerprint(org.id, fingerprint);
      if (!signer) throw notFound(`Trusted signer of ${org.slug} with fingerprint`, fingerprint, 'input.fingerprint');
      if (signer.removal) return signer;
      const removedBy = requestContext.principal().actor;
      await this.signatures.insertRemoval(signer.id, reason, removedBy);
      await this.audit.record('removeTrustedSigner', { ...input, fingerprint }, [org.id, signer.id]);
      return (await this.signatures.latestByFingerprint(org.id, fingerprint))!;
    });
  }

  async trustedSigners(organization: string, includeRemoved = false): Promise<TrustedSignerRecord[]> {
    const org = await this.orgs.require(organization, 'organization');
    return this.signatures.trustedSigners([org.id], includeRemoved);
  }

  latestByCheckpoints(ids: readonly string[]): Promise<CheckpointSignatureRecord[]> {
    return this.signatures.latestByCheckpoints(ids);
  }
}

function toTrust(rows: readonly TrustedSignerRecord[]): TrustedSigners {
  return {
    keys: rows.filter((r) => r.kind === 'KEY').map((r) => r.pem!),
    certificateAuthorities: rows.filter((r) => r.kind === 'CERTIFICATE_AUTHORITY').map((r) => ({ pem: r.pem!, subject: r.subject })),
    sigstoreIdentities: rows.filter((r) => r.kind === 'SIGSTORE_IDENTITY').map((r) => ({ subject: r.subject!, issuer: r.issuer! })),
  };
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
