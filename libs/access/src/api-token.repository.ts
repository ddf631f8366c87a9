import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { Role } from '@pedigree/core';

type Row = Record<string, any>;

export interface ApiTokenRecord {
  id: string;
  owner: string;
  role: Role;
  organizations: string[];
  namespaces: string[];
  tokenPrefix: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const toRecord = (r: Row): ApiTokenRecord => ({
  id: String(r.id), owner: r.owner, role: r.role, organizations: r.organizations, namespaces: r.namespaces, tokenPrefix: r.token_prefix,
  createdAt: r.created_at, createdBy: r.created_by === null ? null : String(r.created_by), lastUsedAt: r.last_used_at, expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

@Injectable()
export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  async insert(t: Omit<ApiTokenRecord, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>, hash: string): Promise<string> {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO api_token(owner, role, organizations, namespaces, token_hash, token_prefix, created_by, expires_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [t.owner, t.role, t.organizations, t.namespaces, hash, t.tokenPrefix, t.createdBy, t.expiresAt],
    );
    return String(row!.id);
  }

  async findByHash(hash: string): Promise<ApiTokenRecord | null> {
    const row = await this.db.one<Row>(`SELECT * FROM api_token WHERE token_hash = $1`, [hash]);
    return row ? toRecord(row) : null;
  }

  async findById(id: string): Promise<ApiTokenRecord | null> {
    const row = await this.db.one<Row>(`SELECT * FROM api_token WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async count(): Promise<number> {
    return Number((await this.db.one<{ n: string }>(`SELECT count(*) AS n FROM api_token`))!.n);
  }

  async touch(id: string): Promise<void> {
    await this.db.query(`UPDATE api_token SET last_used_at = now() WHERE id = $1`, [id]);
  }

  async revoke(id: string): Promise<boolean> {
    // Through a CTE: a bare UPDATE answers [rows, count], and a count is not a list of rows.
    const rows = await this.db.query(`WITH u AS (UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM u`, [id]);
    return rows.length > 0;
  }

  async page(page: PageRequest): Promise<Page<ApiTokenRecord>> {
    const [rows, count] = await Promise.all([
      this.db.query<Row>(`SELECT * FROM api_token WHERE ($1::bigint IS NULL OR id > $1) ORDER BY id LIMIT $2`, [page.afterId, page.limit + 1]),
      this.count(),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: count };
  }

  /** Namespaces an organization publishes under: its slug and its aliases. */
  async namespacesOf(organizationSlugs: readonly string[]): Promise<string[]> {
    if (!organizationSlugs.length) return [];
    const rows = await this.db.query<{ alias: string }>(
      `SELECT a.alias FROM organization_alias a JOIN organization o ON o.id = a.organization_id WHERE o.slug = ANY($1::text[])`,
      [organizationSlugs],
    );
    return rows.map((r) => r.alias);
  }

  /**
   * The organizations a scoped token may name: those it lists, those whose slug or alias is one of
   * its namespaces, and everything they own (organization_subtree).
   */
  async scopeOrganizations(organizationSlugs: readonly string[], namespaces: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT DISTINCT s.id FROM organization o
       LEFT JOIN organization_alias a ON a.organization_id = o.id
       CROSS JOIN LATERAL organization_subtree(o.id) AS s(id)
       WHERE o.slug = ANY($1::text[]) OR o.slug = ANY($2::text[]) OR a.alias = ANY($2::text[])`,
      [organizationSlugs, namespaces],
    );
    return rows.map((r) => String(r.id));
  }

  async unknownOrganizations(slugs: readonly string[]): Promise<string[]> {
    if (!slugs.length) return [];
    const rows = await this.db.query<{ slug: string }>(`SELECT slug FROM organization WHERE slug = ANY($1::text[])`, [slugs]);
    const known = new Set(rows.map((r) => r.slug));
    return slugs.filter((s) => !known.has(s));
  }
}
