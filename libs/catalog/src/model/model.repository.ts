import { Injectable } from '@nestjs/common';
import { Canonical, Page, PageRequest, NodeKind } from '@pedigree/core';
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

/** Publisher subtree for the organization filter, so `meta` also finds models of Meta's subsidiaries. */
const FILTER = `
  ($1::char(2) IS NULL OR origin.country = $1)
  AND ($2::bigint IS NULL OR m.publisher_id IN (SELECT organization_subtree($2::bigint)))
  AND ($3::text IS NULL OR $3 = ANY(m.license_ids) OR m.license = $3)
  AND ($4::model_access IS NULL OR m.access = $4)
  AND ($5::text IS NULL OR m.name ILIKE '%' || $5 || '%')
  AND ($6::boolean IS NULL OR m.placeholder = $6)`;

const FROM = `FROM model m JOIN node_origin origin ON origin.node_id = m.id`;

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

  async page(filter: ModelFilter, page: PageRequest): Promise<Page<ModelRecord>> {
    const params = [
      filter.country ?? null,
      filter.organizationId ?? null,
      filter.license ?? null,
      filter.access ?? null,
      filter.search ?? null,
      filter.placeholder ?? null,
    ];
    const [rows, count] = await Promise.all([
      this.db.query<ModelRow>(`SELECT ${SELECT} ${FROM} WHERE ${FILTER} AND ($7::bigint IS NULL OR m.id > $7) ORDER BY m.id LIMIT $8`, [
        ...params,
        page.afterId,
        page.limit + 1,
      ]),
      this.db.one<{ n: string }>(`SELECT count(*) AS n ${FROM} WHERE ${FILTER}`, params),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }
}
