import { Injectable } from '@nestjs/common';
import { FindOptionsSelect, MoreThan } from 'typeorm';
import { Page, PageRequest } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { Role } from '@pedigree/core';
import { ApiTokenEntity } from './api-token.entity';

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

/** What toRecord reads; never the hash, which is only compared. */
const SELECT = {
  id: true,
  owner: true,
  role: true,
  organizations: true,
  namespaces: true,
  token_prefix: true,
  created_at: true,
  created_by: true,
  last_used_at: true,
  expires_at: true,
  revoked_at: true,
} satisfies FindOptionsSelect<ApiTokenEntity>;
type TokenRow = Pick<ApiTokenEntity, keyof typeof SELECT>;

const toRecord = (r: TokenRow): ApiTokenRecord => ({
  id: String(r.id),
  owner: r.owner,
  role: r.role,
  organizations: r.organizations,
  namespaces: r.namespaces,
  tokenPrefix: r.token_prefix,
  createdAt: r.created_at,
  createdBy: r.created_by === null ? null : String(r.created_by),
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

/**
 * Tokens are single-table reads and writes by key, so they go through the entity; the statements
 * that need SQL of their own (a conditional update, organization subtrees) stay SQL.
 */
@Injectable()
export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  async insert(t: Omit<ApiTokenRecord, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>, hash: string): Promise<string> {
    const result = await this.db.withManager((m) =>
      m.insert(ApiTokenEntity, {
        owner: t.owner,
        role: t.role,
        organizations: t.organizations,
        namespaces: t.namespaces,
        token_hash: hash,
        token_prefix: t.tokenPrefix,
        created_by: t.createdBy,
        expires_at: t.expiresAt,
      }),
    );
    return String(result.identifiers[0].id);
  }

  async findByHash(hash: string): Promise<ApiTokenRecord | null> {
    const row = await this.db.withManager((m) => m.findOne(ApiTokenEntity, { select: SELECT, where: { token_hash: hash } }));
    return row ? toRecord(row) : null;
  }

  async findById(id: string): Promise<ApiTokenRecord | null> {
    const row = await this.db.withManager((m) => m.findOne(ApiTokenEntity, { select: SELECT, where: { id } }));
    return row ? toRecord(row) : null;
  }

  async count(): Promise<number> {
    return this.db.withManager((m) => m.count(ApiTokenEntity));
  }

  async touch(id: string): Promise<void> {
    await this.db.withManager((m) => m.update(ApiTokenEntity, { id }, { last_used_at: () => 'now()' }));
  }

  async revoke(id: string): Promise<boolean> {
    // Through a CTE: a bare UPDATE answers [rows, count], and a count is not a list of rows.
    const rows = await this.db.query<Pick<ApiTokenEntity, 'id'>>(
      `WITH u AS (UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM u`,
      [id],
    );
    return rows.length > 0;
  }

  async page(page: PageRequest): Promise<Page<ApiTokenRecord>> {
    const [rows, count] = await Promise.all([
      this.db.withManager((m) =>
        m.find(ApiTokenEntity, {
          select: SELECT,
          where: page.afterId === null ? {} : { id: MoreThan(page.afterId) },
          order: { id: 'ASC' },
          take: page.limit + 1,
        }),
      ),
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
