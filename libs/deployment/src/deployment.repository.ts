import { Injectable } from '@nestjs/common';
import { Canonical, Page, PageRequest, recordedBy, TimeSlice } from '@pedigree/core';
import { Db, selectList } from '@pedigree/database';
import { DeploymentEntity } from './deployment.entity';
import { DeploymentEnvironment, DeploymentFilter, DeploymentRecord } from './deployment.record';

/** What toRecord reads; `registration` only where re-registration compares it. */
const COLUMNS = [
  'id',
  'name',
  'system',
  'owner_team',
  'owner_id',
  'environment',
  'criticality',
  'node_id',
  'inference_provider_id',
  'region',
  'country',
  'tags',
  'tasks',
  'evidence',
  'created_at',
] as const satisfies readonly (keyof DeploymentEntity)[];
type DeploymentRow = Pick<DeploymentEntity, (typeof COLUMNS)[number]>;
const SELECT = selectList('d', COLUMNS);

const toRecord = (r: DeploymentRow): DeploymentRecord => ({
  id: String(r.id),
  name: r.name,
  system: r.system,
  ownerTeam: r.owner_team,
  ownerId: r.owner_id === null ? null : String(r.owner_id),
  environment: r.environment,
  criticality: r.criticality,
  nodeId: String(r.node_id),
  inferenceProviderId: r.inference_provider_id === null ? null : String(r.inference_provider_id),
  region: r.region,
  country: r.country,
  tags: r.tags,
  tasks: r.tasks,
  evidence: r.evidence,
  createdAt: r.created_at,
});

/**
 * The organization filter matches deployments whose model (or checkpoint's model) is published by
 * the organization or one it owns, or that the organization serves. `at` ($6 recorded, $7 valid day):
 * deployments registered by then, by the publishers and control of then.
 */
const filterSql = (at: boolean) => `
  ($1::text IS NULL OR d.owner_team = $1)
  AND ($2::deployment_environment IS NULL OR d.environment = $2)
  AND ($3::text IS NULL OR $3 = ANY(d.tags))
  AND (cardinality($5::text[]) = 0 OR NOT d.tags && $5::text[])
  AND ($4::bigint IS NULL OR EXISTS (
    SELECT 1 FROM ${at ? 'organization_subtree_at($4::bigint, $6, $7)' : 'organization_subtree($4::bigint)'} AS sub(id)
    LEFT JOIN checkpoint c ON c.id = d.node_id
    ${at ? 'JOIN model_at($6) m ON m.model_id = COALESCE(c.model_id, d.node_id)' : 'JOIN model m ON m.id = COALESCE(c.model_id, d.node_id)'}
    WHERE m.publisher_id = sub.id OR d.inference_provider_id = sub.id))${at ? ` AND d.created_at < $6::timestamptz + interval '1 millisecond'` : ''}`;
const FILTER = filterSql(false);

@Injectable()
export class DeploymentRepository {
  constructor(private readonly db: Db) {}

  async insert(d: Omit<DeploymentRecord, 'id' | 'createdAt'>, registration: Canonical): Promise<string | null> {
    const row = await this.db.one<Pick<DeploymentEntity, 'id'>>(
      `INSERT INTO deployment(name, system, owner_team, owner_id, environment, criticality, node_id, inference_provider_id, region, country, tags, evidence, registration, tasks)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [
        d.name,
        d.system,
        d.ownerTeam,
        d.ownerId,
        d.environment,
        d.criticality,
        d.nodeId,
        d.inferenceProviderId,
        d.region,
        d.country,
        d.tags,
        d.evidence,
        registration,
        d.tasks,
      ],
    );
    return row ? String(row.id) : null;
  }

  async findByName(name: string): Promise<(DeploymentRecord & { registration: Canonical }) | null> {
    const row = await this.db.one<DeploymentRow & Pick<DeploymentEntity, 'registration'>>(
      `SELECT ${SELECT}, d.registration FROM deployment d WHERE d.name = $1`,
      [name],
    );
    return row ? { ...toRecord(row), registration: row.registration } : null;
  }

  async findByIds(ids: readonly string[]): Promise<DeploymentRecord[]> {
    return (await this.db.query<DeploymentRow>(`SELECT ${SELECT} FROM deployment d WHERE d.id = ANY($1::bigint[])`, [ids])).map(toRecord);
  }

  /** The deployment with its system's other PRODUCTION deployments, in one statement: who serves the system decides serving lock-in. */
  async withProductionSiblings(name: string): Promise<{ deployment: DeploymentRecord | null; production: DeploymentRecord[] }> {
    const rows = await this.db.query<DeploymentRow & { is_subject: boolean }>(
      `SELECT ${SELECT}, d.name = $1 AS is_subject FROM deployment d
       WHERE d.name = $1 OR (d.environment = 'PRODUCTION' AND d.system = (SELECT system FROM deployment WHERE name = $1)) ORDER BY d.id`,
      [name],
    );
    const subject = rows.find((r) => r.is_subject);
    return { deployment: subject ? toRecord(subject) : null, production: rows.filter((r) => r.environment === 'PRODUCTION').map(toRecord) };
  }

  /**
   * Deployments an organization (or one it controls) serves, or that are served in a country, with the provider's name.
   * At `at` when given: those registered by then, by the control of then (a deployment is never changed once registered).
   */
  async served(
    by: { organizationId: string } | { country: string },
    at: TimeSlice | null = null,
  ): Promise<(DeploymentRecord & { providerName: string | null })[]> {
    const byOrg = 'organizationId' in by;
    const subtree = at ? 'organization_subtree_at($1::bigint, $2, $3)' : 'organization_subtree($1::bigint)';
    const where = byOrg ? `d.inference_provider_id IN (SELECT ${subtree})` : `d.country = $1`;
    const known = at ? ` AND d.created_at < $2::timestamptz + interval '1 millisecond'` : '';
    const rows = await this.db.query<DeploymentRow & { provider_name: string | null }>(
      `SELECT ${SELECT}, p.name AS provider_name FROM deployment d LEFT JOIN organization p ON p.id = d.inference_provider_id WHERE ${where}${known} ORDER BY d.id`,
      [byOrg ? by.organizationId : by.country, ...(at ? [recordedBy(at), ...(byOrg ? [at.validOn] : [])] : [])],
    );
    return rows.map((r) => ({ ...toRecord(r), providerName: r.provider_name }));
  }

  /** Every deployment matching the filter; portfolios are computed over all of them. At `at` when given (see `filter`). */
  async findAll(filter: DeploymentFilter, at: TimeSlice | null = null): Promise<DeploymentRecord[]> {
    const p = at ? [...params(filter), recordedBy(at), at.validOn] : params(filter);
    const rows = await this.db.query<DeploymentRow>(`SELECT ${SELECT} FROM deployment d WHERE ${at ? filterSql(true) : FILTER} ORDER BY d.id`, p);
    return rows.map(toRecord);
  }

  /** Deployments running exactly these nodes (a model's checkpoints are nodes of their own), by id. */
  async namesOnNodes(nodeIds: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (!nodeIds.length) return [];
    const rows = await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM deployment WHERE node_id = ANY($1::bigint[]) ORDER BY id`, [nodeIds]);
    return rows.map((r) => ({ id: String(r.id), name: r.name }));
  }

  /** Deployments that run each node or, for a model, one of its checkpoints, keyed by the given node. */
  async runningNodes(nodeIds: readonly string[]): Promise<(DeploymentRecord & { subjectId: string })[]> {
    if (!nodeIds.length) return [];
    const rows = await this.db.query<DeploymentRow & { subject_id: string }>(
      `SELECT ${SELECT}, d.node_id AS subject_id FROM deployment d WHERE d.node_id = ANY($1::bigint[])
       UNION ALL
       SELECT ${SELECT}, c.model_id AS subject_id FROM deployment d JOIN checkpoint c ON c.id = d.node_id WHERE c.model_id = ANY($1::bigint[])`,
      [nodeIds],
    );
    return rows.map((r) => ({ ...toRecord(r), subjectId: String(r.subject_id) }));
  }

  /** Every deployment's id and node, for matching against a large in-memory set of nodes; those registered by `asOf` when given. */
  async nodeIndex(asOf: Date | null = null): Promise<{ id: string; nodeId: string; environment: DeploymentEnvironment }[]> {
    const rows = await this.db.query<Pick<DeploymentEntity, 'id' | 'node_id' | 'environment'>>(
      asOf
        ? `SELECT id, node_id, environment FROM deployment WHERE created_at < $1::timestamptz + interval '1 millisecond' ORDER BY id`
        : `SELECT id, node_id, environment FROM deployment ORDER BY id`,
      asOf ? [asOf] : [],
    );
    return rows.map((r) => ({ id: String(r.id), nodeId: String(r.node_id), environment: r.environment }));
  }

  async page(filter: DeploymentFilter, page: PageRequest): Promise<Page<DeploymentRecord>> {
    const p = params(filter);
    const [rows, count] = await Promise.all([
      this.db.query<DeploymentRow>(`SELECT ${SELECT} FROM deployment d WHERE ${FILTER} AND ($6::bigint IS NULL OR d.id > $6) ORDER BY d.id LIMIT $7`, [
        ...p,
        page.afterId,
        page.limit + 1,
      ]),
      this.db.one<{ n: string }>(`SELECT count(*) AS n FROM deployment d WHERE ${FILTER}`, p),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }
}

function params(f: DeploymentFilter): unknown[] {
  return [f.ownerTeam ?? null, f.environment ?? null, f.tag ?? null, f.organizationId ?? null, f.excludeTags ?? []];
}
