import { Injectable } from '@nestjs/common';
import { Canonical, Page, PageRequest, NodeKind, recordedBy, TimeSlice } from '@pedigree/core';
import { Db, selectList } from '@pedigree/database';
import { ModelEntity } from './model.entity';
import { ModelFilter, ModelRecord } from './model.record';

/** What toRecord reads; not `registration` (large, and only re-registration needs it). */
const COLUMNS = [
  'id',
  'name',
  'publisher_id',
  'license',
  'license_ids',
  'license_evidence',
  'country_override',
  'country_evidence',
  'access',
  'modality',
  'parameter_count',
  'release_date',
  'tasks',
  'evidence',
  'placeholder',
  'created_at',
] as const satisfies readonly (keyof ModelEntity)[];
type ModelRow = Pick<ModelEntity, (typeof COLUMNS)[number]>;
// As text: pg would parse a date into a Date at local midnight.
const SELECT = selectList('m', COLUMNS, { release_date: 'm.release_date::text' });

const toRecord = (r: ModelRow): ModelRecord => ({
  id: String(r.id),
  kind: NodeKind.MODEL,
  name: r.name,
  publisherId: String(r.publisher_id),
  license: r.license,
  licenseIds: r.license_ids,
  licenseEvidence: r.license_evidence,
  countryOverride: r.country_override,
  countryEvidence: r.country_evidence,
  access: r.access,
  modality: r.modality,
  parameterCount: r.parameter_count === null ? null : Number(r.parameter_count),
  releaseDate: r.release_date,
  tasks: r.tasks,
  evidence: r.evidence,
  placeholder: r.placeholder,
  createdAt: r.created_at,
});

/**
 * Publisher subtree for the organization filter, so `meta` also finds models of Meta's subsidiaries;
 * as of a moment ($7, $8: see fromAt), the organizations it controlled then.
 */
const filterSql = (at: boolean) => `
  ($1::char(2) IS NULL OR origin.country = $1)
  AND ($2::bigint IS NULL OR m.publisher_id IN (SELECT ${at ? 'organization_subtree_at($2::bigint, $7, $8)' : 'organization_subtree($2::bigint)'}))
  AND ($3::text IS NULL OR $3 = ANY(m.license_ids) OR m.license = $3)
  AND ($4::model_access IS NULL OR m.access = $4)
  AND ($5::text IS NULL OR m.name ILIKE '%' || $5 || '%')
  AND ($6::boolean IS NULL OR m.placeholder = $6)`;

const FROM = `FROM model m JOIN node_origin origin ON origin.node_id = m.id`;

/**
 * FROM as recorded at $t (valid day $t+1): models registered by then, with the publisher, license,
 * country override and access of then (model_at) and the origin of then (node_origin_at), under the
 * names FROM gives them, so the SELECT list and filter read the same. Evidence keeps no versions, so
 * it is null once any version of the model was recorded since (a completion that changes none of the
 * versioned facts still replaces it unseen). License ids of a license that has
 * changed since are read off its text: stored expressions are canonical (normalizeLicense), ids
 * joined by AND, OR, WITH (an exception follows) and parentheses, `+` suffixed.
 */
const fromAt = (t: number) => `FROM (
    SELECT m.id, m.name, v.publisher_id, v.license,
      CASE WHEN v.license IS NOT DISTINCT FROM m.license THEN m.license_ids
        ELSE ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(regexp_replace(v.license, ' WITH [^ ()]+|[()+]', '', 'g'), ' ')) w WHERE w NOT IN ('AND', 'OR'))
      END AS license_ids,
      CASE WHEN v.license IS NOT DISTINCT FROM m.license AND unchanged.since THEN m.license_evidence END AS license_evidence,
      v.country_override, CASE WHEN v.country_override IS NOT DISTINCT FROM m.country_override AND unchanged.since THEN m.country_evidence END AS country_evidence,
      v.access, m.modality, m.parameter_count, m.release_date, m.tasks, m.evidence, m.placeholder, m.created_at
    FROM model m JOIN model_at($${t}::timestamptz) v ON v.model_id = m.id
    -- Evidence keeps no versions: shown only while no version was recorded since (A→B→A would show B's successor's).
    CROSS JOIN LATERAL (SELECT NOT EXISTS (SELECT 1 FROM model_version later WHERE later.model_id = m.id
      AND later.recorded_at >= $${t}::timestamptz + interval '1 millisecond') AS since) unchanged
  ) m JOIN node_origin_at($${t}::timestamptz, $${t + 1}::date) origin ON origin.node_id = m.id`;
const ORIGIN_AT = `origin.country AS origin_country, origin.overridden, origin.country_org_id`;
type ModelRowAt = ModelRow & { origin_country: string | null; overridden: boolean; country_org_id: string | null };

const toRecordAt =
  (at: TimeSlice) =>
  (r: ModelRowAt): ModelRecord => ({
    ...toRecord(r),
    asOf: {
      at,
      origin: {
        nodeId: String(r.id),
        kind: NodeKind.MODEL,
        publisherId: String(r.publisher_id),
        country: r.origin_country,
        overridden: r.overridden,
        countryOrgId: r.country_org_id === null ? null : String(r.country_org_id),
      },
    },
  });

@Injectable()
export class ModelRepository {
  constructor(private readonly db: Db) {}

  async insert(m: Omit<ModelRecord, 'kind' | 'createdAt'>, registration: Canonical): Promise<void> {
    await this.db.query(
      `INSERT INTO model(id, name, publisher_id, license, license_ids, license_evidence, country_override, country_evidence,
         access, modality, parameter_count, release_date, evidence, registration, placeholder, tasks)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
      [
        m.id,
        m.name,
        m.publisherId,
        m.license,
        m.licenseIds,
        m.licenseEvidence,
        m.countryOverride,
        m.countryEvidence,
        m.access,
        m.modality,
        m.parameterCount,
        m.releaseDate,
        m.evidence,
        registration,
        m.placeholder,
        m.tasks,
      ],
    );
  }

  /** Completes a placeholder with the full registration: the only update a model row ever gets. */
  async complete(m: Omit<ModelRecord, 'kind' | 'createdAt' | 'placeholder'>, registration: Canonical): Promise<void> {
    await this.db.query(
      `UPDATE model SET publisher_id = $2, license = $3, license_ids = $4, license_evidence = $5, country_override = $6, country_evidence = $7,
         access = $8, modality = $9, parameter_count = $10, release_date = $11, evidence = $12, registration = $13, tasks = $14, placeholder = false
       WHERE id = $1 AND placeholder`,
      [
        m.id,
        m.publisherId,
        m.license,
        m.licenseIds,
        m.licenseEvidence,
        m.countryOverride,
        m.countryEvidence,
        m.access,
        m.modality,
        m.parameterCount,
        m.releaseDate,
        m.evidence,
        registration,
        m.tasks,
      ],
    );
  }

  async isPlaceholder(id: string): Promise<boolean> {
    return (await this.db.one<{ placeholder: boolean }>(`SELECT placeholder FROM model WHERE id = $1`, [id]))?.placeholder ?? false;
  }

  async registration(id: string): Promise<Canonical> {
    return (await this.db.one<Pick<ModelEntity, 'registration'>>(`SELECT registration FROM model WHERE id = $1`, [id]))!.registration;
  }

  /** By name, case-insensitively as the natural-key index compares: one statement, not the node then the model. */
  async findByName(name: string): Promise<ModelRecord | null> {
    const row = await this.db.prepared<ModelRow>(
      `SELECT ${SELECT} FROM lineage_node n JOIN model m ON m.id = n.id WHERE n.kind = 'MODEL' AND lower(n.key) = lower($1)`,
      [name],
    );
    return row[0] ? toRecord(row[0]) : null;
  }

  async findByIds(ids: readonly string[]): Promise<ModelRecord[]> {
    return (await this.db.query<ModelRow>(`SELECT ${SELECT} FROM model m WHERE m.id = ANY($1::bigint[])`, [ids])).map(toRecord);
  }

  /**
   * The model as recorded at `at` (see fromAt); null when it was registered later. The id reaches
   * model_at, so only this model's versions are read; node_origin_at still rolls up the ownership of
   * every organization of then (a materialized CTE), unmeasured at scale (docs/exposure.md).
   */
  async findByIdAt(id: string, at: TimeSlice): Promise<ModelRecord | null> {
    const rows = await this.db.query<ModelRowAt>(`SELECT ${SELECT}, ${ORIGIN_AT} ${fromAt(2)} WHERE m.id = $1::bigint`, [id, recordedBy(at), at.validOn]);
    return rows.map(toRecordAt(at))[0] ?? null;
  }

  /** A page of the models matching the filter; at `at` when given, the models and facts recorded by then (see fromAt). */
  async page(filter: ModelFilter, page: PageRequest, at: TimeSlice | null = null): Promise<Page<ModelRecord>> {
    const params: unknown[] = [
      filter.country ?? null,
      filter.organizationId ?? null,
      filter.license ?? null,
      filter.access ?? null,
      filter.search ?? null,
      filter.placeholder ?? null,
    ];
    if (at) params.push(recordedBy(at), at.validOn);
    const [from, where, n] = [at ? fromAt(7) : FROM, filterSql(!!at), params.length];
    const [rows, count] = await Promise.all([
      this.db.query<ModelRowAt>(
        `SELECT ${SELECT}${at ? `, ${ORIGIN_AT}` : ''} ${from} WHERE ${where} AND ($${n + 1}::bigint IS NULL OR m.id > $${n + 1}) ORDER BY m.id LIMIT $${n + 2}`,
        [...params, page.afterId, page.limit + 1],
      ),
      this.db.one<{ n: string }>(`SELECT count(*) AS n ${from} WHERE ${where}`, params),
    ]);
    const items = rows.slice(0, page.limit).map(at ? toRecordAt(at) : toRecord);
    return { items, hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }
}
