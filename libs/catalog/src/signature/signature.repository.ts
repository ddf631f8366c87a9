import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { CheckpointSignatureEntity, TrustedSignerEntity, TrustedSignerRemovalEntity } from './signature.entity';
import { CheckpointSignatureRecord, SignatureTrustRow, TrustedSignerRecord, trustNow } from './signature.record';

type TrustedRow = TrustedSignerEntity & Partial<Pick<TrustedSignerRemovalEntity, 'reason' | 'removed_by' | 'removed_at'>>;
type SignatureRow = CheckpointSignatureEntity & SignatureTrustRow;

const toTrusted = (r: TrustedRow): TrustedSignerRecord => ({
  id: String(r.id),
  organizationId: String(r.organization_id),
  kind: r.kind,
  pem: r.pem,
  fingerprint: r.fingerprint,
  subject: r.subject,
  issuer: r.issuer,
  addedBy: r.added_by,
  addedAt: r.added_at,
  removal: r.removed_at ? { reason: r.reason!, removedBy: r.removed_by!, removedAt: r.removed_at } : null,
});

const toSignature = (r: SignatureRow): CheckpointSignatureRecord => ({
  id: String(r.id),
  checkpointId: String(r.checkpoint_id),
  method: r.method,
  signerFingerprint: r.signer_fingerprint,
  signerSubject: r.signer_subject,
  signerIssuer: r.signer_issuer,
  rootDigest: r.root_digest,
  bundle: r.bundle,
  files: r.files,
  verifiedAt: r.verified_at,
  recordedBy: r.recorded_by,
  trustedFor: r.trusted_for,
  trustedSignerId: r.trusted_signer_id === null ? null : String(r.trusted_signer_id),
  ...trustNow(r),
});

const TRUSTED_SELECT = `SELECT t.*, x.reason, x.removed_by, x.removed_at FROM trusted_signer t LEFT JOIN trusted_signer_removal x ON x.trusted_signer_id = t.id`;

@Injectable()
export class SignatureRepository {
  constructor(private readonly db: Db) {}

  /** The signers of these organizations, oldest first; those removed only when asked for. */
  async trustedSigners(organizationIds: readonly string[], includeRemoved = false): Promise<TrustedSignerRecord[]> {
    const rows = await this.db.query<TrustedRow>(
      `${TRUSTED_SELECT} WHERE t.organization_id = ANY($1::bigint[]) AND ($2 OR x.trusted_signer_id IS NULL) ORDER BY t.id`,
      [organizationIds, includeRemoved],
    );
    return rows.map(toTrusted);
  }

  /** The newest signer with this fingerprint, removed or not. */
  async latestByFingerprint(organizationId: string, fingerprint: string): Promise<TrustedSignerRecord | null> {
    const row = await this.db.one<TrustedRow>(`${TRUSTED_SELECT} WHERE t.organization_id = $1 AND t.fingerprint = $2 ORDER BY t.id DESC LIMIT 1`, [
      organizationId,
      fingerprint,
    ]);
    return row ? toTrusted(row) : null;
  }

  /**
   * Until the transaction ends: `exclusive` for a trust change, shared for a verification, so a
   * removal waits for registrations that read the signer to commit, and they for it; its policy
   * trigger then sees their signature rows.
   */
  async lockOrganizationTrust(organizationId: string, mode: 'exclusive' | 'shared'): Promise<void> {
    const fn = mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await this.db.query(`SELECT ${fn}(hashtextextended('trusted_signer:' || $1::text, 0))`, [organizationId]);
  }

  async insertTrustedSigner(s: Omit<TrustedSignerRecord, 'id' | 'addedAt' | 'removal'>): Promise<TrustedSignerRecord> {
    const row = await this.db.one<TrustedRow>(
      `INSERT INTO trusted_signer(organization_id, kind, pem, fingerprint, subject, issuer, added_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
      [s.organizationId, s.kind, s.pem, s.fingerprint, s.subject, s.issuer, s.addedBy],
    );
    return toTrusted(row!);
  }

  async insertRemoval(trustedSignerId: string, reason: string, removedBy: string): Promise<void> {
    await this.db.query(`INSERT INTO trusted_signer_removal(trusted_signer_id, reason, removed_by) VALUES ($1,$2,$3)`, [trustedSignerId, reason, removedBy]);
  }

  async insertSignature(
    s: Omit<CheckpointSignatureRecord, 'id' | 'verifiedAt' | 'trustedFor' | 'untrustedReason' | 'trustedSignerId'> & {
      organizationId: string;
      trustedSignerId: string;
    },
  ): Promise<string> {
    const row = await this.db.one<Pick<CheckpointSignatureEntity, 'id'>>(
      `INSERT INTO checkpoint_signature(checkpoint_id, status, method, signer_fingerprint, signer_subject, signer_issuer, root_digest, bundle, files, recorded_by,
         organization_id, trusted_signer_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
      [
        s.checkpointId,
        s.status,
        s.method,
        s.signerFingerprint,
        s.signerSubject,
        s.signerIssuer,
        s.rootDigest,
        s.bundle,
        JSON.stringify(s.files),
        s.recordedBy,
        s.organizationId,
        s.trustedSignerId,
      ],
    );
    return String(row!.id);
  }

  /** The latest signature record of each checkpoint, with its trust now: one statement for any number of checkpoints. */
  async latestByCheckpoints(ids: readonly string[]): Promise<CheckpointSignatureRecord[]> {
    const rows = await this.db.query<SignatureRow>(
      `SELECT DISTINCT ON (s.checkpoint_id) s.*, vouched.slug AS trusted_for, publisher.slug AS current_publisher, m.publisher_id AS current_publisher_id,
              x.removed_at AS signer_removed_at, x.reason AS signer_removal_reason
       FROM checkpoint_signature s
       JOIN checkpoint c ON c.id = s.checkpoint_id
       JOIN model m ON m.id = c.model_id
       JOIN organization publisher ON publisher.id = m.publisher_id
       LEFT JOIN organization vouched ON vouched.id = s.organization_id
       LEFT JOIN trusted_signer_removal x ON x.trusted_signer_id = s.trusted_signer_id
       WHERE s.checkpoint_id = ANY($1::bigint[]) ORDER BY s.checkpoint_id, s.id DESC`,
      [ids],
    );
    return rows.map(toSignature);
  }
}
