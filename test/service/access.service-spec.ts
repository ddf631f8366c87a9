import { AccessModule, ApiTokenService } from '@pedigree/access';
import { AuditModule } from '@pedigree/audit';
import { CatalogModule } from '@pedigree/catalog';
import { Role } from '@pedigree/core';
import { newOrganization, startServiceTier, ServiceTier } from '@pedigree/testing/service';

// API tokens through the real ApiTokenService and repository: only a hash is stored, and a token
// authenticates until it is revoked or expires.
let tier: ServiceTier;
let tokens: ApiTokenService;

beforeAll(async () => {
  tier = await startServiceTier([AuditModule, AccessModule, CatalogModule]);
  tokens = tier.get(ApiTokenService);
});
afterAll(() => tier?.close());

const bearer = (token: string) => `Bearer ${token}`;

it('creates a token that authenticates as its owner and role, storing only its hash', async () => {
  const { token, record } = await tokens.create({ owner: 'ci-pipeline', role: Role.PIPELINE });
  expect(token).toMatch(/^pdg_/);
  expect(await tokens.authenticate(bearer(token))).toMatchObject({ tokenId: record.id, actor: 'ci-pipeline', role: Role.PIPELINE });
  const [row] = await tier.db.query<Record<string, unknown>>('SELECT * FROM api_token WHERE id = $1', [record.id]);
  expect(JSON.stringify(row)).not.toContain(token);
  expect(JSON.stringify(row)).not.toContain(token.slice(4));
});

it('refuses an unknown or malformed token as UNAUTHENTICATED', async () => {
  const { token } = await tokens.create({ owner: 'someone', role: Role.READER });
  const other = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  await expect(tokens.authenticate(bearer(other))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(tokens.authenticate('Bearer nope')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(tokens.authenticate(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});

it('stops a revoked token at once, even one verified a moment before, and refuses a second revocation', async () => {
  const { token, record } = await tokens.create({ owner: 'revoked-soon', role: Role.ADMIN });
  await tokens.authenticate(bearer(token));
  expect((await tokens.revoke(record.id)).revokedAt).toBeInstanceOf(Date);
  await expect(tokens.authenticate(bearer(token))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(tokens.revoke(record.id)).rejects.toMatchObject({ code: 'CONFLICT' });
});

it('stops a token at its expiry, and refuses to create one that has already expired', async () => {
  const { token } = await tokens.create({ owner: 'short-lived', role: Role.READER, expiresAt: new Date(Date.now() + 1500) });
  await expect(tokens.authenticate(bearer(token))).resolves.toMatchObject({ actor: 'short-lived' });
  await new Promise((r) => setTimeout(r, 1600));
  await expect(tokens.authenticate(bearer(token))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(tokens.create({ owner: 'late', role: Role.READER, expiresAt: new Date(Date.now() - 1) })).rejects.toMatchObject({
    code: 'INVALID_INPUT',
    field: 'input.expiresAt',
  });
});

it('limits a pipeline token to known organizations, and refuses unknown ones writing nothing', async () => {
  await newOrganization(tier, 'scoped-org');
  const { token } = await tokens.create({ owner: 'scoped', role: Role.PIPELINE, organizations: ['scoped-org'] });
  expect((await tokens.authenticate(bearer(token))).namespaces).toContain('scoped-org');
  const [{ n }] = await tier.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_token');
  await expect(tokens.create({ owner: 'scoped', role: Role.PIPELINE, organizations: ['no-such-org'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(await tier.db.query('SELECT count(*)::int AS n FROM api_token')).toEqual([{ n }]);
});
