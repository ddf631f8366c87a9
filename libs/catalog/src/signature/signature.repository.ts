import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { CheckpointSignatureEntity, TrustedSignerEntity } from './signature.entity';
import { CheckpointSignatureRecord, TrustedSignerRecord } from './signature.record';

const toTrusted = (r: TrustedSignerEntity): TrustedSignerRecord => ({
  id: String(r.id),
  organizationId: String(r.organization_id),
  kind: r.kind,
  pem: r.pem,
  fingerprint: r.fingerprint,
  subject: r.subject,
  addedBy: r.added_by,
  addedAt: r.added_at,
});

const toSignature = (r: CheckpointSignatureEntity): CheckpointSignatureRecord => ({
  id: String(r.id),
  checkpointId: String(r.checkpoint_id),
  status: r.status,
  method: r.method,
  signerFingerprint: r.signer_fingerprint,
  signerSubject: r.signer_subject,
  signerIssuer: r.signer_issuer,
  rootDigest: r.root_digest,
  bundle: r.bundle,
  files: r.files,
  verifiedAt: r.verified_at,
  recordedBy: r.recorded_by,
});

@Injectable()
export class SignatureRepository {
  constructor(private readonly db: Db) {}

  async trustedSigners(organizationIds: readonly string[]): Promise<TrustedSignerRecord[]> {
    const rows = await this.db.query<TrustedSignerEntity>(`SELECT * FROM trusted_signer WHERE organization_id = ANY($1::bigint[]) ORDER BY id`, [
      organizationIds,
    ]);
    return rows.map(toTrusted);
  }

  /** Idempotent: the same fingerprint for the same organization returns the stored row. */
  async addTrustedSigner(s: Omit<TrustedSignerRecord, 'id' | 'addedAt'>): Promise<{ record: TrustedSignerRecord; created: boolean }> {
    const inserted = await this.db.one<TrustedSignerEntity>(
      `INSERT INTO trusted_signer(organization_id, kind, pem, fingerprint, subject, added_by) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT ON CONSTRAINT trusted_signer_fingerprint_key DO NOTHING RETURNING *`,
      [s.organizationId, s.kind, s.pem, s.fingerprint, s.subject, s.addedBy],
    );
    if (inserted) return { record: toTrusted(inserted), created: true };
    const existing = await this.db.one<TrustedSignerEntity>(`SELECT * FROM trusted_signer WHERE organization_id = $1 AND fingerprint = $2`, [
      s.organizationId,
      s.fingerprint,
    ]);
    return { record: toTrusted(existing!), created: false };
  }

  async insertSignature(s: Omit<CheckpointSignatureRecord, 'id' | 'verifiedAt'>): Promise<string> {
    const row = await this.db.one<Pick<CheckpointSignatureEntity, 'id'>>(
      `INSERT INTO checkpoint_signature(checkpoint_id, status, method, signer_fingerprint, signer_subject, signer_issuer, root_digest, bundle, files, recorded_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
      [s.checkpointId, s.status, s.method, s.signerFingerprint, s.signerSubject, s.signerIssuer, s.rootDigest, s.bundle, JSON.stringify(s.files), s.recordedBy],
    );
    return String(row!.id);
  }

  /** The latest signature record of each checkpoint: one statement for any number of checkpoints. */
  async latestByCheckpoints(ids: readonly string[]): Promise<CheckpointSignatureRecord[]> {
    const rows = await this.db.query<CheckpointSignatureEntity>(
      `SELECT DISTINCT ON (checkpoint_id) * FROM checkpoint_signature WHERE checkpoint_id = ANY($1::bigint[]) ORDER BY checkpoint_id, id DESC`,
      [ids],
    );
    return rows.map(toSignature);
  }
}
