import { Injectable } from '@nestjs/common';
import { Canonical, Evidence, Page, PageRequest, recordedBy, TimeSlice } from '@pedigree/core';
import { Db, selectList } from '@pedigree/database';
import { OrganizationAliasEntity } from './organization-alias.entity';
import { OrganizationRootEntity } from './organization-root.entity';
import { OrganizationEntity } from './organization.entity';
import { OrganizationKind, OrganizationRecord, OrganizationRoot } from './organization.record';

/** What toRecord reads; not `registration` (only re-registration needs it). */
const COLUMNS = ['id', 'slug', 'name', 'country', 'kind', 'evidence', 'created_at'] as const satisfies readonly (keyof OrganizationEntity)[];
type OrganizationRow = Pick<OrganizationEntity, (typeof COLUMNS)[number]>;
const SELECT = selectList('o', COLUMNS);

type AliasRow = Pick<OrganizationAliasEntity, 'alias' | 'organization_id'>;

const toRecord = (r: OrganizationRow): OrganizationRecord => ({
  id: String(r.id),
  slug: r.slug,
  name: r.name,
  country: r.country,
  kind: r.kind,
  evidence: r.evidence,
  createdAt: r.created_at,
});

export interface NewOrganization {
  slug: string;
  name: string;
  country: string | null;
  kind: OrganizationKind;
  evidence: Evidence;
  registration: Canonical;
}

@Injectable()
export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  async insert(org: NewOrganization): Promise<string | null> {
    const row = await this.db.one<Pick<OrganizationEntity, 'id'>>(
      `INSERT INTO organization(slug, name, country, kind, evidence, registration)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [org.slug, org.name, org.country, org.kind, org.evidence, org.registration],
    );
    return row ? String(row.id) : null;
  }

  /**
   * Claims names (the slug is claimed too, so slugs and aliases share one namespace). Returns the
   * names another organization already holds. ON CONFLICT waits for a concurrent claimer, and the
   * follow-up read is a new statement, so it sees that claim.
   */
  async claimNames(organizationId: string, names: readonly string[]): Promise<string[]> {
    const inserted = await this.db.query<Pick<OrganizationAliasEntity, 'alias'>>(
      `INSERT INTO organization_alias(alias, organization_id) SELECT a, $2 FROM unnest($1::text[]) a
       ON CONFLICT (alias) DO NOTHING RETURNING alias`,
      [names, organizationId],
    );
    const got = new Set(inserted.map((r) => r.alias));
    const missing = names.filter((n) => !got.has(n));
    if (!missing.length) return [];
    const owners = await this.db.query<AliasRow>(`SELECT alias, organization_id FROM organization_alias WHERE alias = ANY($1::text[])`, [missing]);
    return owners.filter((r) => String(r.organization_id) !== organizationId).map((r) => r.alias);
  }

  async findBySlugOrAlias(ref: string): Promise<OrganizationRecord | null> {
    const row = await this.db.one<OrganizationRow>(
      `SELECT ${SELECT} FROM organization_alias a JOIN organization o ON o.id = a.organization_id WHERE a.alias = lower($1)`,
      [ref],
    );
    return row ? toRecord(row) : null;
  }

  /** Organizations whose display name is `name`, ignoring case and surrounding space. */
  async findByName(name: string): Promise<OrganizationRecord[]> {
    const rows = await this.db.query<OrganizationRow>(`SELECT ${SELECT} FROM organization o WHERE lower(o.name) = lower($1) ORDER BY o.id LIMIT 10`, [
      name.trim(),
    ]);
    return rows.map(toRecord);
  }

  async count(): Promise<number> {
    return Number((await this.db.one<{ n: string }>(`SELECT count(*) AS n FROM organization`))?.n ?? 0);
  }

  async registration(id: string): Promise<Canonical> {
    return (await this.db.one<Pick<OrganizationEntity, 'registration'>>(`SELECT registration FROM organization WHERE id = $1`, [id]))!.registration;
  }

  /** Whether the organization was registered by `at`, to the millisecond as the *_at functions count. */
  async registeredBy(id: string, at: TimeSlice): Promise<boolean> {
    const row = await this.db.one<{ known: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM organization WHERE id = $1 AND created_at < $2::timestamptz + interval '1 millisecond') AS known`,
      [id, recordedBy(at)],
    );
    return row!.known;
  }

  async findByIds(ids: readonly string[]): Promise<OrganizationRecord[]> {
    return (await this.db.query<OrganizationRow>(`SELECT ${SELECT} FROM organization o WHERE o.id = ANY($1::bigint[])`, [ids])).map(toRecord);
  }

  async roots(ids: readonly string[]): Promise<OrganizationRoot[]> {
    const rows = await this.db.query<OrganizationRootEntity>(
      `SELECT organization_id, root_id, root_country, country_org_id FROM organization_root WHERE organization_id = ANY($1::bigint[])`,
      [ids],
    );
    return rows.map((r) => ({
      organizationId: String(r.organization_id),
      rootId: String(r.root_id),
      rootCountry: r.root_country,
      countryOrgId: r.country_org_id === null ? null : String(r.country_org_id),
    }));
  }

  async aliases(ids: readonly string[]): Promise<{ organizationId: string; alias: string }[]> {
    const rows = await this.db.query<AliasRow>(
      `SELECT a.organization_id, a.alias FROM organization_alias a JOIN organization o ON o.id = a.organization_id
       WHERE a.organization_id = ANY($1::bigint[]) AND a.alias <> o.slug ORDER BY a.alias`,
      [ids],
    );
    return rows.map((r) => ({ organizationId: String(r.organization_id), alias: r.alias }));
  }

  async page(filter: { country?: string | null; kind?: OrganizationKind | null }, page: PageRequest): Promise<Page<OrganizationRecord>> {
    const where = `($1::char(2) IS NULL OR o.country = $1) AND ($2::organization_kind IS NULL OR o.kind = $2)`;
    const params = [filter.country ?? null, filter.kind ?? null];
    const [rows, count] = await Promise.all([
      this.db.query<OrganizationRow>(`SELECT ${SELECT} FROM organization o WHERE ${where} AND ($3::bigint IS NULL OR o.id > $3) ORDER BY o.id LIMIT $4`, [
        ...params,
        page.afterId,
        page.limit + 1,
      ]),
      this.db.one<{ n: string }>(`SELECT count(*) AS n FROM organization o WHERE ${where}`, params),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }
}
