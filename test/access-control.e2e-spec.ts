import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema } from 'graphql';
import {
  assertNoErrors,
  EVIDENCE,
  mutationRoleMatrix,
  newDigest,
  newOrganization,
  RegistryProcess,
  RoleName,
  ROLES,
  startRegistry,
  tableCounts,
} from '@pedigree/testing';

const ROOT = resolve(__dirname, '..');
// The registry runs without the alerts worker, so its exposure queue is not waited for.
const NO_WORKER = { exposureWorker: false };
const CREATE_TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id role tokenPrefix } } }`;

describe('access control', () => {
  let r: RegistryProcess;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    // No webhook is sent: the counts around each refused call must not move with background attempts.
    r = await startRegistry({ env: { PEDIGREE_ALERTS_WORKER: 'off' } });
    await newOrganization(r);
    for (const role of ROLES) {
      const res = await r.gql(CREATE_TOKEN, { i: { owner: `test-${role.toLowerCase()}`, role } });
      assertNoErrors(res);
      tokens[role] = res.data.createApiToken.token;
    }
  });
  afterAll(() => r?.stop());

  it('declares an access policy on every query, mutation and subscription of the schema', () => {
    const matrix = JSON.parse(execFileSync(process.execPath, ['dist/apps/registry/src/print-schema.js', '--access'], { cwd: ROOT, encoding: 'utf8' }));
    const schema = buildSchema(readFileSync(resolve(ROOT, 'schema.gql'), 'utf8'));
    const unguarded: string[] = [];
    for (const [type, root] of [
      ['Query', schema.getQueryType()],
      ['Mutation', schema.getMutationType()],
      ['Subscription', schema.getSubscriptionType()],
    ] as const) {
      for (const field of Object.keys(root!.getFields())) if (!matrix[type][field]) unguarded.push(`${type}.${field}`);
    }
    expect(unguarded).toEqual([]);
  });

  it('stores tokens only as SHA-256 hashes and shows the secret once', async () => {
    const created = await r.gql(CREATE_TOKEN, { i: { owner: 'hash-check', role: 'READER' } });
    const { token, apiToken } = created.data.createApiToken;
    expect(token).toMatch(/^pdg_[A-Za-z0-9_-]{43}$/);
    const rows = await r.sql(`SELECT * FROM api_token WHERE id = $1`, [apiToken.id]);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(await r.sql(`SELECT * FROM audit_event`))).not.toContain(token);
    const listed = await r.gql(`{ apiTokens(first: 100) { edges { node { id tokenPrefix owner } } } }`);
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect(r.output()).not.toContain(token);
  });

  it('refuses requests without a valid token', async () => {
    for (const token of [null, 'pdg_not-a-real-token', `pdg_${'x'.repeat(43)}`]) {
      const res = await r.gqlAs(token, `{ models(first: 1) { totalCount } }`);
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect(res.sqlQueries).toBeLessThanOrEqual(1);
    }
  });

  it('stops honouring a revoked token', async () => {
    const created = await r.gql(CREATE_TOKEN, { i: { owner: 'to-revoke', role: 'READER' } });
    const { token, apiToken } = created.data.createApiToken;
    expect((await r.gqlAs(token, `{ models(first: 1) { totalCount } }`)).errors).toBeUndefined();
    await r.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: apiToken.id });
    expect((await r.gqlAs(token, `{ models(first: 1) { totalCount } }`)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets readers read the catalog only, and auditors read everything', async () => {
    const catalog = `{ models(first: 1) { totalCount } }`;
    const audit = `{ auditEvents(first: 1) { totalCount } }`;
    const outcome = async (role: RoleName, q: string) => (await r.gqlAs(tokens[role], q)).errors?.[0]?.extensions.code ?? 'OK';
    expect(await Promise.all(ROLES.map((role) => outcome(role, catalog)))).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(await Promise.all(ROLES.map((role) => outcome(role, audit)))).toEqual(['OK', 'FORBIDDEN', 'OK', 'FORBIDDEN']);
  });

  const MUTATIONS = mutationRoleMatrix(() => r);

  it('covers every mutation of the schema in the role matrix', () => {
    const schema = buildSchema(readFileSync(resolve(ROOT, 'schema.gql'), 'utf8'));
    expect(Object.keys(MUTATIONS).sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
  });

  it('runs every mutation with every role: allowed, or FORBIDDEN with nothing changed', async () => {
    await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
      i: { name: 'test-org/base', access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
    });
    const [outcomes, expected]: string[][] = [[], []];
    const [countsAfter, countsBefore]: { call: string; counts: Record<string, number> | null }[][] = [[], []];
    let n = 0;
    for (const [name, m] of Object.entries(MUTATIONS)) {
      for (const role of ROLES) {
        const as = (q: string, v?: any) => r.gqlAs(tokens[role], q, v);
        const tag = `${role.toLowerCase()}-${++n}`;
        // Set-up writes happen as admin inside run(); measure around the call under test only.
        let before: Record<string, number> | null = null;
        const measured = async (q: string, v?: any) => {
          before = {
            ...(await tableCounts(r, NO_WORKER)),
            audit: Number((await r.sql(`SELECT count(*) AS n FROM audit_event`))[0].n),
            tokens: Number((await r.sql(`SELECT count(*) AS n FROM api_token WHERE revoked_at IS NULL`))[0].n),
          };
          return as(q, v);
        };
        const res = await m.run(measured, tag);
        const code = res.errors?.[0]?.extensions.code ?? 'OK';
        const allowed = m.allowed.includes(role);
        outcomes.push(`${name}:${role}:${code}`);
        expected.push(`${name}:${role}:${allowed ? 'OK' : 'FORBIDDEN'}`);
        // A refused call leaves every table, the audit trail and the live tokens as they were.
        const after = allowed
          ? before
          : {
              ...(await tableCounts(r, NO_WORKER)),
              audit: Number((await r.sql(`SELECT count(*) AS n FROM audit_event`))[0].n),
              tokens: Number((await r.sql(`SELECT count(*) AS n FROM api_token WHERE revoked_at IS NULL`))[0].n),
            };
        countsAfter.push({ call: `${name}:${role}`, counts: after });
        countsBefore.push({ call: `${name}:${role}`, counts: before });
      }
    }
    expect(outcomes).toEqual(expected);
    expect(countsAfter).toEqual(countsBefore);
    expect(outcomes).toHaveLength(Object.keys(MUTATIONS).length * ROLES.length);
  });

  it('limits a pipeline token to its namespaces, including those of its organizations', async () => {
    const scoped = await r.gql(CREATE_TOKEN, { i: { owner: 'ci/acme', role: 'PIPELINE', organizations: ['test-org'] } });
    const token = scoped.data.createApiToken.token;
    await r.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
      i: { slug: 'other', name: 'Other', kind: 'COMPANY', evidence: EVIDENCE },
    });
    const mine = await r.gqlAs(token, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
      i: { name: 'test-org/scoped-ok', access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
    });
    expect(mine.errors).toBeUndefined();
    const before = await tableCounts(r, NO_WORKER);
    const theirs = await r.gqlAs(token, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
      i: { name: 'other/not-mine', access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
    });
    expect(theirs.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.name' });
    const ckpt = await r.gqlAs(token, `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`, {
      i: { model: { model: 'other/not-mine-either' }, digest: newDigest('scope'), format: 'GGUF', registeredBy: 'ci' },
    });
    expect(ckpt.errors![0].extensions.code).toBe('NOT_FOUND');
    expect(await tableCounts(r, NO_WORKER)).toEqual(before);
    const bad = await r.gql(CREATE_TOKEN, { i: { owner: 'x', role: 'READER', namespaces: ['acme'] } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.role' });
  });

  describe('a PIPELINE token scoped to organizations names only organizations in its scope', () => {
    let token = '';
    beforeAll(async () => {
      const org = (slug: string, country: string, parent?: string) =>
        r.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
          i: { slug, name: slug, country, kind: 'COMPANY', parent, evidence: EVIDENCE },
        });
      await org('race', 'FR');
      await org('race-labs', 'FR', 'race');
      await org('meta', 'US');
      const created = await r.gql(CREATE_TOKEN, { i: { owner: 'ci/race', role: 'PIPELINE', organizations: ['race'] } });
      token = created.data.createApiToken.token;
      const base = await r.gqlAs(token, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
        i: { name: 'race/base', access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
      });
      assertNoErrors(base);
    });

    const model = (publisher: string, name: string) =>
      [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name, publisher, access: 'OPEN_WEIGHTS', evidence: EVIDENCE } },
      ] as const;
    const deployment = (name: string, owner: string | undefined, provider?: string) =>
      [
        `mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id owner { slug } } }`,
        {
          i: {
            name,
            system: 'claims',
            ownerTeam: 'claims',
            owner,
            environment: 'PRODUCTION',
            criticality: 'HIGH',
            uses: { model: 'race/base' },
            inferenceProvider: provider,
            country: 'US',
          },
        },
      ] as const;
    const checkpoint = (operator: string) =>
      [
        `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`,
        {
          i: {
            model: { model: 'race/base' },
            digest: newDigest(`op-${operator}`),
            format: 'GGUF',
            registeredBy: 'ci',
            trainingRun: { method: 'SFT', operator, computeProvider: 'meta' },
          },
        },
      ] as const;

    it.each([
      ['a model in its namespace published by another organization', model('meta', 'race/spoof'), 'FORBIDDEN', 'input.publisher'],
      ['a deployment owned by another organization', deployment('race/spoof-prod', 'meta'), 'FORBIDDEN', 'input.owner'],
      ['a deployment with no owner', deployment('race/anon-prod', undefined), 'INVALID_INPUT', 'input.owner'],
      ['a training run operated by another organization', checkpoint('meta'), 'FORBIDDEN', 'input.trainingRun.operator'],
    ])('refuses %s, naming the field, with nothing written', async (_name, [query, variables], code, field) => {
      const before = await tableCounts(r, NO_WORKER);
      const res = await r.gqlAs(token, query, variables as Record<string, unknown>);
      expect(res.errors?.[0].extensions).toMatchObject({ code, field });
      expect(await tableCounts(r, NO_WORKER)).toEqual(before);
    });

    it.each([
      ['a model published by an organization it owns', model('race-labs', 'race/labs-model')],
      ['a deployment it owns, served by a third party', deployment('race/prod', 'race', 'meta')],
      ['a training run it operates on third-party compute', checkpoint('race-labs')],
    ])('allows %s', async (_name, [query, variables]) => {
      const res = await r.gqlAs(token, query, variables as Record<string, unknown>);
      expect(res.errors).toBeUndefined();
    });

    it("keeps the spoofed model out of the other organization's impact", async () => {
      const [query, variables] = model('meta', 'race/spoof');
      expect((await r.gqlAs(token, query, variables)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      // Nothing was filed under Meta: no such model exists, and Meta's impact answers without it.
      expect((await r.gql(`{ model(name: "race/spoof") { id } }`)).data.model).toBeNull();
      const impact = assertNoErrors(await r.gql(`{ impact(of: { organization: "meta" }) { affected(first: 500) { edges { node { node { name } } } } } }`));
      expect(JSON.stringify(impact.data)).not.toContain('race/spoof');
    });
  });
});
