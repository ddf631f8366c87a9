import { Injectable } from '@nestjs/common';
import { Canonical, Page, PageRequest, NodeKind } from '@pedigree/core';
import { Db, selectList } from '@pedigree/database';
import { DatasetEntity } from './dataset.entity';
import { DatasetRecord } from './dataset.record';

/** What toRecord reads; not `registration` (only re-registration needs it). */
const COLUMNS = [
  'id',
  'name',
  'publisher_id',
  'description',
  'license',
  'license_ids',
  'country_override',
  'country_evidence',
  'source_kind',
  'size_range',
  'top_domains',
  'profile_evidence',
  'evidence',
  'placeholder',
  'created_at',
] as const satisfies readonly (keyof DatasetEntity)[];
type DatasetRow = Pick<DatasetEntity, (typeof COLUMNS)[number]>;
const SELECT = selectList('d', COLUMNS);

const toRecord = (r: DatasetRow): DatasetRecord => ({
  id: String(r.id),
  kind: NodeKind.DATASET,
  name: r.name,
  publisherId: String(r.publisher_id),
  description: r.description,
  license: r.license,
  licenseIds: r.license_ids,
  countryOverride: r.country_override,
  countryEvidence: r.country_evidence,
  sourceKind: r.source_kind,
  sizeRange: r.size_range,
  topDomains: r.top_domains,
  profileEvidence: r.profile_evidence,
  evidence: r.evidence,
  placeholder: r.placeholder,
  createdAt: r.created_at,
});

@Injectable()
export class DatasetRepository {
  constructor(private readonly db: Db) {}

  async insert(d: Omit<DatasetRecord, 'kind' | 'createdAt'>, registration: Canonical): Promise<void> {
    await this.db.query(
      `INSERT INTO dataset(id, publisher_id, description, license, license_ids, country_override, country_evidence, evidence, registration,
         source_kind, size_range, top_domains, profile_evidence, name, placeholder)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [...registered(d, registration), d.name, d.placeholder],
    );
  }

  /**
   * Completes a placeholder with the full registration: the only update a dataset row ever gets.
   * The profile columns follow the full registration like every other column; the
   * registerDataset audit events touching this id say that each registration happened and when.
   */
  async complete(d: Omit<DatasetRecord, 'kind' | 'createdAt' | 'placeholder'>, registration: Canonical): Promise<void> {
    await this.db.query(
      `UPDATE dataset SET publisher_id = $2, description = $3, license = $4, license_ids = $5, country_override = $6, country_evidence = $7,
         evidence = $8, registration = $9, source_kind = $10, size_range = $11, top_domains = $12, profile_evidence = $13, placeholder = false
       WHERE id = $1 AND placeholder`,
      registered(d, registration),
    );
  }

  async isPlaceholder(id: string): Promise<boolean> {
    return (await this.db.one<{ placeholder: boolean }>(`SELECT placeholder FROM dataset WHERE id = $1`, [id]))?.placeholder ?? false;
  }

  async registration(id: string): Promise<Canonical> {
    return (await this.db.one<Pick<DatasetEntity, 'registration'>>(`SELECT registration FROM dataset WHERE id = $1`, [id]))!.registration;
  }

  async findByIds(ids: readonly string[]): Promise<DatasetRecord[]> {
    return (await this.db.query<DatasetRow>(`SELECT ${SELECT} FROM dataset d WHERE d.id = ANY($1::bigint[])`, [ids])).map(toRecord);
  }

  async page(filter: { country?: string | null; license?: string | null; placeholder?: boolean | null }, page: PageRequest): Promise<Page<DatasetRecord>> {
    const from = `FROM dataset d JOIN node_origin origin ON origin.node_id = d.id
      WHERE ($1::char(2) IS NULL OR origin.country = $1)
        AND ($2::text IS NULL OR $2 = ANY(d.license_ids) OR d.license = $2)
        AND ($3::boolean IS NULL OR d.placeholder = $3)`;
    const params = [filter.country ?? null, filter.license ?? null, filter.placeholder ?? null];
    const [rows, count] = await Promise.all([
      this.db.query<DatasetRow>(`SELECT ${SELECT} ${from} AND ($4::bigint IS NULL OR d.id > $4) ORDER BY d.id LIMIT $5`, [
        ...params,
        page.afterId,
        page.limit + 1,
      ]),
      this.db.one<{ n: string }>(`SELECT count(*) AS n ${from}`, params),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }
}

/** Parameters $1 to $13 of both writes, in their column order: what a registration states. */
function registered(d: Omit<DatasetRecord, 'kind' | 'createdAt' | 'placeholder'>, registration: Canonical): unknown[] {
  return [
    d.id,
    d.publisherId,
    d.description,
    d.license,
    d.licenseIds,
    d.countryOverride,
    d.countryEvidence,
    d.evidence,
    registration,
    d.sourceKind,
    d.sizeRange,
    d.topDomains,
    d.profileEvidence,
  ];
}
