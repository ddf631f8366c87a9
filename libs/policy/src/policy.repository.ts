import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { PolicyEffect, PolicyOnError, PolicySeverity, PolicySubjectKind, PolicyVersionRecord } from './policy.record';

interface VersionRow {
  policy_id: string;
  key: string;
  version: number;
  name: string;
  description: string;
  document_ref: string | null;
  subject_kinds: string[];
  environments: string[];
  tags: string[];
  owner_teams: string[];
  organization_id: string | null;
  condition: string;
  effect: PolicyEffect;
  severity: PolicySeverity;
  on_error: PolicyOnError;
  enabled: boolean;
  pack: string | null;
  recorded_at: Date;
  recorded_by: string;
}

const SELECT = `v.policy_id, p.key, v.version, v.name, v.description, v.document_ref, v.subject_kinds, v.environments, v.tags, v.owner_teams,
  v.organization_id, v.condition, v.effect, v.severity, v.on_error, v.enabled, v.pack, v.recorded_at, v.recorded_by`;

const toRecord = (r: VersionRow): PolicyVersionRecord => ({
  policyId: String(r.policy_id),
  key: r.key,
  version: r.version,
  name: r.name,
  description: r.description,
  documentRef: r.document_ref,
  scope: {
    subjects: r.subject_kinds as PolicySubjectKind[],
    environments: r.environments,
    tags: r.tags,
    ownerTeams: r.owner_teams,
    organizationId: r.organization_id === null ? null : String(r.organization_id),
  },
  condition: r.condition,
  effect: r.effect,
  severity: r.severity,
  onError: r.on_error,
  enabled: r.enabled,
  pack: r.pack,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export type NewPolicyVersion = Omit<PolicyVersionRecord, 'policyId' | 'key' | 'version' | 'recordedAt'>;

@Injectable()
export class PolicyRepository {
  constructor(private readonly db: Db) {}

  /** The policy's id, created if new; its row is locked so versions are numbered one at a time. */
  async claim(key: string, by: string): Promise<{ id: string; created: boolean }> {
    const created = await this.db.one<{ id: string }>(`INSERT INTO policy(key, created_by) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id`, [
      key,
      by,
    ]);
    if (created) return { id: String(created.id), created: true };
    const row = await this.db.one<{ id: string }>(`SELECT id FROM policy WHERE key = $1 FOR UPDATE`, [key]);
    return { id: String(row!.id), created: false };
  }

  async insertVersion(policyId: string, v: NewPolicyVersion): Promise<number> {
    const row = await this.db.one<{ version: number }>(
      `INSERT INTO policy_version(policy_id, version, name, description, document_ref, subject_kinds, environments, tags, owner_teams,
         organization_id, condition, effect, severity, on_error, enabled, pack, recorded_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16 FROM policy_version WHERE policy_id = $1
       RETURNING version`,
      [
        policyId,
        v.name,
        v.description,
        v.documentRef,
        v.scope.subjects,
        v.scope.environments,
        v.scope.tags,
        v.scope.ownerTeams,
        v.scope.organizationId,
        v.condition,
        v.effect,
        v.severity,
        v.onError,
        v.enabled,
        v.pack,
        v.recordedBy,
      ],
    );
    return row!.version;
  }

  /** The newest version of every policy (or of the given keys). */
  async current(keys?: readonly string[]): Promise<PolicyVersionRecord[]> {
    const rows = await this.db.query<VersionRow>(
      `SELECT DISTINCT ON (v.policy_id) ${SELECT} FROM policy_version v JOIN policy p ON p.id = v.policy_id
       WHERE $1::text[] IS NULL OR p.key = ANY($1::text[]) ORDER BY v.policy_id, v.version DESC`,
      [keys ?? null],
    );
    return rows.map(toRecord).sort((a, b) => a.key.localeCompare(b.key));
  }

  async history(key: string): Promise<PolicyVersionRecord[]> {
    const rows = await this.db.query<VersionRow>(
      `SELECT ${SELECT} FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = $1 ORDER BY v.version DESC`,
      [key],
    );
    return rows.map(toRecord);
  }

  async historyById(policyId: string): Promise<PolicyVersionRecord[]> {
    const rows = await this.db.query<VersionRow>(
      `SELECT ${SELECT} FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.id = $1 ORDER BY v.version DESC`,
      [policyId],
    );
    return rows.map(toRecord);
  }

  /** A cheap fingerprint of every policy's versions: the cache of compiled policies reloads when it moves. */
  async fingerprint(): Promise<string> {
    const row = await this.db.preparedOne<{ f: string }>(`SELECT count(*)::text || ':' || COALESCE(max(id), 0)::text AS f FROM policy_version`);
    return row!.f;
  }
}
