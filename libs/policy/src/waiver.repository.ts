import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { WaiverRecord } from './policy.record';

interface WaiverRow {
  id: string;
  policy_id: string;
  key: string;
  node_id: string | null;
  deployment_id: string | null;
  organization_id: string | null;
  justification: string;
  approver: string;
  document_ref: string | null;
  expires_at: Date;
  granted_at: Date;
  granted_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  reason: string | null;
}

const SELECT = `w.id, w.policy_id, p.key, w.node_id, w.deployment_id, w.organization_id, w.justification, w.approver, w.document_ref,
  w.expires_at, w.granted_at, w.granted_by, r.revoked_at, r.revoked_by, r.reason
  FROM policy_waiver w JOIN policy p ON p.id = w.policy_id LEFT JOIN policy_waiver_revocation r ON r.waiver_id = w.id`;

const id = (v: string | null) => (v === null ? null : String(v));
const toRecord = (r: WaiverRow): WaiverRecord => ({
  id: String(r.id),
  policyId: String(r.policy_id),
  policyKey: r.key,
  nodeId: id(r.node_id),
  deploymentId: id(r.deployment_id),
  organizationId: id(r.organization_id),
  justification: r.justification,
  approver: r.approver,
  documentRef: r.document_ref,
  expiresAt: r.expires_at,
  grantedAt: r.granted_at,
  grantedBy: r.granted_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  revokeReason: r.reason,
});

export interface NewWaiver {
  policyId: string;
  nodeId: string | null;
  deploymentId: string | null;
  organizationId: string | null;
  justification: string;
  approver: string;
  documentRef: string | null;
  expiresAt: Date;
  grantedBy: string;
}

/** An active waiver: not revoked and not expired, by the database's clock so every instance agrees. */
export const ACTIVE_WAIVER = `r.id IS NULL AND w.expires_at > now()`;

@Injectable()
export class WaiverRepository {
  constructor(private readonly db: Db) {}

  async insert(w: NewWaiver): Promise<string> {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO policy_waiver(policy_id, node_id, deployment_id, organization_id, justification, approver, document_ref, expires_at, granted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [w.policyId, w.nodeId, w.deploymentId, w.organizationId, w.justification, w.approver, w.documentRef, w.expiresAt, w.grantedBy],
    );
    return String(row!.id);
  }

  /** Locks the waiver so two revocations cannot race; null when it does not exist. */
  async lock(waiverId: string): Promise<WaiverRecord | null> {
    await this.db.query(`SELECT 1 FROM policy_waiver WHERE id = $1 FOR UPDATE`, [waiverId]);
    return (await this.findByIds([waiverId]))[0] ?? null;
  }

  async revoke(waiverId: string, reason: string, by: string): Promise<void> {
    await this.db.query(`INSERT INTO policy_waiver_revocation(waiver_id, reason, revoked_by) VALUES ($1, $2, $3)`, [waiverId, reason, by]);
  }

  async findByIds(ids: readonly string[]): Promise<WaiverRecord[]> {
    return (await this.db.query<WaiverRow>(`SELECT ${SELECT} WHERE w.id = ANY($1::bigint[]) ORDER BY w.id`, [ids])).map(toRecord);
  }

  async list(filter: { policyKey?: string | null; activeOnly?: boolean }): Promise<WaiverRecord[]> {
    const rows = await this.db.query<WaiverRow>(
      `SELECT ${SELECT} WHERE ($1::text IS NULL OR p.key = $1) AND (NOT $2 OR (${ACTIVE_WAIVER})) ORDER BY w.id DESC LIMIT 1000`,
      [filter.policyKey ?? null, filter.activeOnly ?? false],
    );
    return rows.map(toRecord);
  }

  /**
   * The active waiver covering each (policy, subject): a node's own (a checkpoint: also its
   * model's), a deployment's, or one on an organization subtree holding the subject's publisher
   * (a deployment: its owner). Latest expiry wins.
   */
  async covering(subjects: readonly { key: string; nodeId: string | null; deploymentId: string | null }[]): Promise<Map<string, string>> {
    if (!subjects.length) return new Map();
    const rows = await this.db.prepared<{ policy_id: string; subject_key: string; waiver_id: string }>(
      `WITH s(subject_key, node_id, deployment_id) AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])),
       subject_org AS (
         SELECT s.subject_key, COALESCE(m.publisher_id, d.publisher_id, cm.publisher_id, dep.owner_id) AS org_id, c.model_id
         FROM s LEFT JOIN model m ON m.id = s.node_id LEFT JOIN dataset d ON d.id = s.node_id
         LEFT JOIN checkpoint c ON c.id = s.node_id LEFT JOIN model cm ON cm.id = c.model_id
         LEFT JOIN deployment dep ON dep.id = s.deployment_id
       )
       SELECT DISTINCT ON (w.policy_id, s.subject_key) w.policy_id, s.subject_key, w.id AS waiver_id
       FROM s JOIN subject_org so ON so.subject_key = s.subject_key
       JOIN policy_waiver w ON w.node_id = s.node_id OR w.node_id = so.model_id OR w.deployment_id = s.deployment_id
         OR (w.organization_id IS NOT NULL AND so.org_id IN (SELECT organization_subtree(w.organization_id)))
       LEFT JOIN policy_waiver_revocation r ON r.waiver_id = w.id
       WHERE ${ACTIVE_WAIVER}
       ORDER BY w.policy_id, s.subject_key, w.expires_at DESC`,
      [subjects.map((s) => s.key), subjects.map((s) => s.nodeId), subjects.map((s) => s.deploymentId)],
    );
    return new Map(rows.map((r) => [`${r.policy_id}|${r.subject_key}`, String(r.waiver_id)]));
  }
}
