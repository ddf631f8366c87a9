import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, invalidInput, notFound, Page, PageRequest, Principal, Role, conflict, assertRegistryId } from '@pedigree/core';
import { AuditRecorder } from '@pedigree/audit';
import { Db } from '@pedigree/database';
import { ApiTokenRecord, ApiTokenRepository } from './api-token.repository';
import { hashToken, isTokenFormat, newToken, tokenPrefix } from './token-format';
import { TokenCache, VerifiedToken } from './token-cache';
import { SampledCounter } from './sampled-counter';
import { LRUCache } from 'lru-cache';

export interface CreateTokenCommand {
  owner: string;
  role: Role;
  organizations?: string[] | null;
  namespaces?: string[] | null;
  expiresAt?: Date | null;
}

const TOUCH_MS = 60_000;
const FAILURE_LOG_MS = 10_000;

function bearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

@Injectable()
export class ApiTokenService {
  private readonly logger = new Logger('ApiTokens');
  private readonly cache = new TokenCache();
  private readonly touched = new LRUCache<string, number>({ max: 10_000 });
  private readonly failures = new SampledCounter(FAILURE_LOG_MS);

  constructor(
    private readonly db: Db,
    private readonly tokens: ApiTokenRepository,
    private readonly audit: AuditRecorder,
  ) {}

  /** The plaintext token is returned here and never again: only its SHA-256 is stored. */
  async create(input: CreateTokenCommand, createdBy: string | null = null): Promise<{ token: string; record: ApiTokenRecord }> {
    const owner = input.owner?.trim();
    if (!owner || owner.length > 200) throw invalidInput('input.owner', 'must be 1 to 200 characters');
    const organizations = [...new Set((input.organizations ?? []).map((o) => o.trim().toLowerCase()))];
    const namespaces = [...new Set((input.namespaces ?? []).map((n) => n.trim().toLowerCase()))];
    if ((organizations.length || namespaces.length) && input.role !== Role.PIPELINE) {
      throw invalidInput('input.role', 'only PIPELINE tokens can be limited to organizations or namespaces', 'PIPELINE');
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw invalidInput('input.expiresAt', 'is in the past', 'a future time');
    const token = newToken();
    const record = await this.db.transaction(async () => {
      const unknown = await this.tokens.unknownOrganizations(organizations);
      if (unknown.length) throw notFound('Organization', unknown.join(', '), 'input.organizations');
      const id = await this.tokens.insert(
        { owner, role: input.role, organizations, namespaces, tokenPrefix: tokenPrefix(token), createdBy, expiresAt: input.expiresAt ?? null },
        hashToken(token),
      );
      await this.audit.record('createApiToken', { ...input, organizations, namespaces }, [id]);
      return (await this.tokens.findById(id))!;
    });
    return { token, record };
  }

  /** On an empty registry: one admin token, printed once by the caller. `fixed` lets automation choose it. */
  async bootstrap(fixed?: string): Promise<string | null> {
    if ((await this.tokens.count()) > 0) return null;
    if (fixed && !isTokenFormat(fixed)) throw new Error('PEDIGREE_BOOTSTRAP_TOKEN must look like pdg_<43 base64url characters>');
    const token = fixed ?? newToken();
    await this.db.transaction(async () => {
      const id = await this.tokens.insert(
        { owner: 'bootstrap-admin', role: Role.ADMIN, organizations: [], namespaces: [], tokenPrefix: tokenPrefix(token), createdBy: null, expiresAt: null },
        hashToken(token),
      );
      await this.audit.record('bootstrapAdminToken', { owner: 'bootstrap-admin' }, [id]);
    });
    return token;
  }

  async revoke(id: string): Promise<ApiTokenRecord> {
    assertRegistryId(id, 'id', 'token id');
    return this.db.transaction(async () => {
      const existing = await this.tokens.findById(id);
      if (!existing) throw notFound('API token', id, 'id');
      if (!(await this.tokens.revoke(id))) throw conflict(`id: token ${id} is already revoked.`, ['id']);
      await this.audit.record('revokeApiToken', { id }, [id]);
      this.cache.forgetVerified();
      return (await this.tokens.findById(id))!;
    });
  }

  page(page: PageRequest): Promise<Page<ApiTokenRecord>> {
    return this.tokens.page(page);
  }

  /**
   * The token id behind an Authorization header, if that token was verified recently. Cheap and
   * synchronous, for keying rate limits before any SQL; authorization is `authenticate`'s job.
   */
  recognize(header: string | undefined): string | null {
    const token = bearer(header);
    return token && isTokenFormat(token) ? (this.cache.recognize(hashToken(token)) ?? null) : null;
  }

  /** Null header: UNAUTHENTICATED. Unknown, expired or revoked: UNAUTHENTICATED, saying which. */
  async authenticate(header: string | undefined): Promise<Principal> {
    const token = bearer(header);
    if (!token) throw this.refused('Send an API token: header "Authorization: Bearer pdg_…".');
    if (!isTokenFormat(token)) throw this.refused('The Authorization header does not hold a Pedigree token (pdg_…).');
    const hash = hashToken(token);
    const now = Date.now();
    let hit = this.cache.verifiedFor(hash, now);
    if (!hit && !this.cache.isKnownUnknown(hash)) {
      const found = await this.verify(hash, now);
      this.cache.remember(hash, found);
      hit = found ?? undefined;
    }
    if (!hit) throw this.refused('This token is unknown, expired or revoked.');
    this.touch(hit.principal.tokenId!, now);
    return hit.principal;
  }

  private async verify(hash: string, now: number): Promise<VerifiedToken | null> {
    const t = await this.tokens.findByHash(hash);
    if (!t || t.revokedAt || (t.expiresAt && t.expiresAt.getTime() <= now)) return null;
    const fromOrgs = await this.tokens.namespacesOf(t.organizations);
    const scope =
      t.role === Role.PIPELINE && (t.organizations.length || t.namespaces.length) ? await this.tokens.scopeOrganizations(t.organizations, t.namespaces) : null;
    return {
      principal: { tokenId: t.id, actor: t.owner, role: t.role, namespaces: [...new Set([...t.namespaces, ...fromOrgs])], organizationIds: scope },
      expiresAt: t.expiresAt?.getTime() ?? null,
    };
  }

  /** A client mistake: logged at warn, at most one line per interval with the count, never per request. */
  private refused(message: string): DomainError {
    this.failures.hit((n) => this.logger.warn(`${n} request(s) refused as UNAUTHENTICATED in the last ${FAILURE_LOG_MS / 1000} s`));
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }

  /** last_used_at is written at most once a minute per token, off the request's critical path. */
  private touch(id: string, now: number): void {
    if ((this.touched.get(id) ?? 0) > now - TOUCH_MS) return;
    this.touched.set(id, now);
    void this.tokens.touch(id).catch((e) => this.logger.warn(`last-used update failed: ${String(e)}`));
  }
}
