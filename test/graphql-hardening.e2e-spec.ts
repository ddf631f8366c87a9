import { ADMIN_TOKEN, RegistryProcess, startRegistry } from '@pedigree/testing';

/** Raw POST, for bodies the helper would not send (batches, oversized, odd content types). */
async function post(r: RegistryProcess, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${r.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
    body,
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}

/** Each limit refuses the request before any resolver or SQL runs (diagnostics report 0 statements). */
describe('GraphQL hardening', () => {
  let r: RegistryProcess;
  let auditBefore = 0;
  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_MAX_BATCH: '10', PEDIGREE_RATE_LIMIT_PER_MINUTE: '100000' } });
    auditBefore = Number((await r.sql(`SELECT count(*) AS n FROM audit_event`))[0].n);
  });
  afterAll(() => r?.stop());

  async function expectRefusedWithoutWork(query: string, pattern: RegExp) {
    const res = await r.gql(query);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].message).toMatch(pattern);
    expect(res.sqlQueries).toBe(0);
  }

  it('refuses a query 50 levels deep', async () => {
    let q = 'id';
    for (let i = 0; i < 50; i++) q = `parent { ${q} }`;
    await expectRefusedWithoutWork(`{ organization(slug: "x") { ${q} } }`, /depth/i);
  });

  it('refuses 1,000 aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: models(first: 1) { totalCount }`).join(' ');
    await expectRefusedWithoutWork(`{ ${aliases} }`, /alias/i);
  });

  it('refuses a query whose cost is over the limit', async () => {
    const wide = Array.from({ length: 25 }, (_, i) => `m${i}: models(first: 500) { edges { node { name license publisher { name country } } } }`).join(' ');
    await expectRefusedWithoutWork(`{ ${wide} }`, /cost/i);
  });

  it('sees through fragment spreads: depth hidden in fragments, and fragment cycles', async () => {
    const deep = `query { organization(slug: "x") { ...F0 } } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Organization { parent { ${i < 39 ? `...F${i + 1}` : 'id'} } }`).join(' ')}`;
    await expectRefusedWithoutWork(deep, /depth/i);
    await expectRefusedWithoutWork(
      `query { organization(slug: "x") { ...A } } fragment A on Organization { parent { ...B } } fragment B on Organization { parent { ...A } }`,
      /Cannot spread fragment|cycle|depth/i,
    );
  });

  it('refuses 100 batched operations before executing any of them', async () => {
    // Mutations, so that any one executed would leave a row behind.
    const batch = JSON.stringify(
      Array.from({ length: 100 }, (_, i) => ({
        query: `mutation { registerOrganization(input: { slug: "batch-${i}", name: "b", kind: COMPANY, evidence: { origin: AUDIT_FINDING, justification: "x" } }) { id } }`,
      })),
    );
    const res = await post(r, batch);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/at most 10 operations/);
    expect(Number((await r.sql(`SELECT count(*) AS n FROM organization WHERE slug LIKE 'batch-%'`))[0].n)).toBe(0);
    expect(Number((await r.sql(`SELECT count(*) AS n FROM audit_event`))[0].n)).toBe(auditBefore);
  });

  it('accepts a small batch', async () => {
    const res = await post(r, JSON.stringify([{ query: '{ models(first: 1) { totalCount } }' }, { query: '{ organizations(first: 1) { totalCount } }' }]));
    expect(res.status).toBe(200);
    expect(res.json).toHaveLength(2);
  });

  it('refuses a request body over the size limit', async () => {
    const res = await post(r, JSON.stringify({ query: `{ models(first: 1) { totalCount } } # ${'x'.repeat(1_100_000)}` }));
    expect(res.status).toBe(413);
    expect(res.json.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', limit: 'PEDIGREE_MAX_BODY_BYTES', max: 1048576 });
  });

  it('answers a body that is not JSON with 400 INVALID_INPUT, not INTERNAL', async () => {
    for (const body of ['{"query": "{ __typename }"', '{bad json', '']) {
      const res = await post(r, body);
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions.code).toBe('INVALID_INPUT');
    }
    expect(r.output()).not.toMatch(/"level":50/);
  });

  it('masks unexpected errors and never returns a stack trace or SQL', async () => {
    const res = await r.gql(`{ models(first: 1, after: "${Buffer.from('model:99999999999999999999').toString('base64url')}") { totalCount } }`);
    expect(JSON.stringify(res)).not.toMatch(/\bat \w+ \(|SELECT|bigint|node_modules/);
  });
});

describe('production mode', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ env: { NODE_ENV: 'production', PEDIGREE_DIAGNOSTICS: 'off' } });
  });
  afterAll(() => r?.stop());

  it('turns off introspection and GraphiQL', async () => {
    const res = await r.gql(`{ __schema { types { name } } }`);
    expect(res.errors?.[0].message).toMatch(/introspection/i);
    expect((await fetch(`${r.url}/graphiql`)).status).toBe(404);
  });

  it('gives no "Did you mean" suggestions', async () => {
    const res = await r.gql(`{ modle(name: "x") { id } }`);
    expect(res.errors?.[0].message).toContain('Cannot query field "modle"');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('refuses cross-site "simple" requests (CSRF)', async () => {
    const form = await post(r, 'query={models{totalCount}}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const text = await post(r, JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const get = await fetch(`${r.url}/graphql?query=${encodeURIComponent('{ models(first: 1) { totalCount } }')}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(get.status).toBe(400);
    const ok = await fetch(`${r.url}/graphql?query=${encodeURIComponent('{ models(first: 1) { totalCount } }')}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-pedigree-csrf': '1' },
    });
    expect(ok.status).toBe(200);
  });
});

describe('rate limits per token', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => r?.stop());

  it('answers 429 past the limit, for that token only', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await post(r, JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }))).status);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const other = await post(r, JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }), {
      authorization: 'Bearer pdg_someone-else-entirely-000000000000000000000',
    });
    expect(other.status).not.toBe(429);
  });
});
