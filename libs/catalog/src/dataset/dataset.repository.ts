import { Injectable } from '@nestjs/common';
import { Canonical, Page, PageRequest, NodeKind } from '@pedigree/core';
import { Db, selectList } from '@pedigree/database';
import { DatasetEntity } from './dataset.entity';
import { DatasetRecord } from './dataset.record';

/** What toRecord reads; not `registration` (only re-registration needs it). */
const COLUMNS = [
  'id', 'name', 'publisher_id', 'description', 'license', 'license_ids', 'country_override', 'country_evidence', 'evidence', 'created_at',
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
  evidence: r.evidence,
  createdAt: r.created_at,
});

@Injectable()
export class DatasetRepository {
  constructor(private readonly db: Db) {}

  async insert(d: Omit<DatasetRecord, 'kind' | 'createdAt'>, registration: Canonical): Promise<void> {
    await this.db.query(
      `INSERT INTO dataset(id, name, publisher_id, description, license, license_ids, country_override, country_evidence, evidence, registration)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [d.id, d.name, d.publisherId, d.description, d.license, d.licenseIds, d.countryOverride, d.countryEvidence, d.evidence, registration],
    );
  }

  async registration(id: string): Promise<Canonical> {
    return (await this.db.one<Pick<DatasetEntity, 'registration'>>(`SELECT registration FROM dataset WHERE id = $1`, [id]))!.registration;
  }

  async findByIds(ids: readonly string[]): Promise<DatasetRecord[]> {
    return (await this.db.query<DatasetRow>(`SELECT ${SELECT} FROM dataset d WHERE d.id = ANY($1::bigint[])`, [ids])).map(toRecord);
  }

  async page(filter: { country?: string | null; license?: string | null }, page: PageRequest): Promise<Page<DatasetRecord>> {
    const from = `FROM dataset d JOIN node_origin origin ON origin.node_id = d.id
      WHERE ($1::char(2) IS NULL OR origin.country = $1)
        AND ($2::text IS NULL OR $2 = ANY(d.license_ids) OR d.license = $2)`;
    const params = [filter.country ?? null, filter.license ?? null];
    const [rows, count] = await Promise.all([
      this.db.query<DatasetRow>(`SELECT ${SELECT} ${from} AND ($3::bigint IS NULL OR d.id > $3) ORDER BY d.id LIMIT $4`, [...params, page.afterId, page.limit + 1]),
      this.db.one<{ n: string }>(`SELECT count(*) AS n ${from}`, params),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }
}
