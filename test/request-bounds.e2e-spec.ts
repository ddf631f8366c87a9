import { buildSchema, getNamedType, GraphQLObjectType, isEnumType, isNonNullType, isScalarType } from 'graphql';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';
import { seedWideLineage, waitForDescendants } from './support/wide-lineage';

const WIDTH = 30_000;
const DOWN = (alias: string, first = 50) =>
  `${alias}: lineage(of: { model: $b }, direction: DESCENDANTS, maxDepth: 100, first: ${first}) { nodes { node { name } } }`;

/** One request must not stall the registry: every request is bounded before it runs, and while it runs. */
describe('request bounds', () => {
  let r: RegistryProcess;
  let base = '';
  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_RATE_LIMIT_PER_MINUTE: '1000000' } });
    await newOrganization(r);
    base = (await newModel(r)).name;
    await seedWideLineage(r, base, WIDTH);
    await waitForDescendants(r, base, WIDTH);
  });
  afterAll(() => r?.stop());

  it('pages lineage: a popular base answers one page, says it is truncated, and the pages hold every node and edge once', async () => {
    const q = `query($b: String, $after: String) { lineage(of: { model: $b }, direction: DESCENDANTS, first: 2000, after: $after) {
      nodeCount truncated depthLimited pageInfo { hasNextPage endCursor } nodes { id } edges { id } } }`;
    const first = await r.gql(q, { b: base });
    expect(first.data.lineage).toMatchObject({ nodeCount: WIDTH + 1, truncated: true, depthLimited: false, pageInfo: { hasNextPage: true } });
    expect(first.data.lineage.nodes).toHaveLength(2000);
    const nodes = new Set<string>();
    const edges = new Set<string>();
    let page = first.data.lineage;
    for (;;) {
      for (const n of page.nodes) nodes.add(n.id);
      for (const e of page.edges) edges.add(e.id);
      if (!page.pageInfo.hasNextPage) break;
      page = (await r.gql(q, { b: base, after: page.pageInfo.endCursor })).data.lineage;
    }
    expect(page.truncated).toBe(false);
    expect(nodes.size).toBe(WIDTH + 1);
    expect(edges.size).toBe(WIDTH);
  });

  it('refuses 29 aliases of a descendants walk at depth 100 before running any of them, saying what would fit', async () => {
    const query = `query($b: String) { ${Array.from({ length: 29 }, (_, i) => DOWN(`d${i}`, 500)).join(' ')} }`;
    const started = Date.now();
    const res = await r.gql(query, { b: base });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.data).toBeNull();
    expect(res.sqlQueries).toBe(0);
    const e = res.errors![0];
    expect(e.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'PEDIGREE_MAX_COST', max: 50000 });
    expect(e.message).not.toMatch(/Syntax Error/);
    expect(e.message).toMatch(/only \d+ of its 29 root fields fit in one request: split it/);
    const fits = e.extensions.fits!.parts;
    const smaller = await r.gql(`query($b: String) { ${Array.from({ length: fits }, (_, i) => DOWN(`d${i}`, 1)).join(' ')} }`, { b: base });
    expect(smaller.errors).toBeUndefined();
    const wide = await r.gql(`query($b: String) { ${Array.from({ length: 8 }, (_, i) => DOWN(`d${i}`, 2000)).join(' ')} }`, { b: base });
    expect(wide.errors![0].message).toMatch(/It would fit with first: \d+ on each of d0, d1, d2, d3, d4, d5, d6, d7\./);
  });

  it('counts `first` given in variables exactly as a literal', async () => {
    const literal = await r.gql(`query($b: String) { impact(of: { model: $b }) { affected(first: 100000) { edges { node { depth } } } } }`, { b: base });
    const variable = await r.gql(`query($b: String, $n: Int) { impact(of: { model: $b }) { affected(first: $n) { edges { node { depth } } } } }`, {
      b: base,
      n: 100000,
    });
    expect(variable.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(variable.errors![0].extensions.cost).toBe(literal.errors![0].extensions.cost);
    expect(variable.sqlQueries).toBe(0);
  });

  it('counts aliased __typename against the alias limit', async () => {
    const res = await r.gql(`{ ${Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'PEDIGREE_MAX_ALIASES', found: 31 });
  });

  it('lets every advertised page size run within the default cost: each connection at first: 500, lineage at 2000', async () => {
    const schema = buildSchema(readFileSync(resolve(__dirname, '..', 'schema.gql'), 'utf8'));
    const scalars = (type: GraphQLObjectType) =>
      Object.values(type.getFields())
        .filter((f) => !f.args.some((a) => isNonNullType(a.type)) && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))))
        .map((f) => f.name)
        .join(' ');
    const refused: string[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      const connection = getNamedType(field.type) as GraphQLObjectType;
      if (!field.args.some((a) => a.name === 'first') || field.name === 'lineage' || !connection.getFields().edges) continue;
      if (field.args.some((a) => isNonNullType(a.type))) continue;
      const node = getNamedType(connection.getFields().edges.type) as GraphQLObjectType;
      const item = getNamedType(node.getFields().node.type) as GraphQLObjectType;
      const res = await r.gql(`{ ${field.name}(first: 500) { totalCount edges { cursor node { ${scalars(item) || '__typename'} } } } }`);
      if (res.errors?.some((e) => e.extensions.code === 'LIMIT_EXCEEDED')) refused.push(field.name);
    }
    const lineage = await r.gql(
      `query($b: String) { lineage(of: { model: $b }, direction: DESCENDANTS, first: 2000) {
      nodes { depth node { name kind ... on Model { country license } } }
      edges { relation derived { name } source { name } evidence { origin documentRef confidence } } } }`,
      { b: base },
    );
    if (lineage.errors) refused.push(`lineage: ${lineage.errors[0].message}`);
    expect(refused).toEqual([]);
  });

  /** Simple requests and health checks, one after another, for as long as `load` runs; their slowest time. */
  async function slowestDuring(load: Promise<unknown>): Promise<number> {
    let done = false;
    void load.finally(() => (done = true));
    const waits: number[] = [];
    while (!done) {
      const t = Date.now();
      const res = await r.gql('{ __typename }');
      expect(res.data.__typename).toBe('Query');
      expect((await fetch(`${r.url}/health/live`)).status).toBe(200);
      waits.push(Date.now() - t);
    }
    await load;
    return Math.max(0, ...waits);
  }

  it('stays responsive under the reported load: 10 concurrent requests of 29 descendants walks at depth 100', async () => {
    const query = `query($b: String) { ${Array.from({ length: 29 }, (_, i) => DOWN(`d${i}`)).join(' ')} }`;
    const load = Promise.all(Array.from({ length: 10 }, () => r.gql(query, { b: base })));
    expect(await slowestDuring(load)).toBeLessThan(1000);
    for (const res of await load) expect(res.errors![0].extensions.code).toBe('LIMIT_EXCEEDED');
  });

  it('stays responsive while 10 large requests that fit the limits run, taking turns in the heavy lane', async () => {
    const heavy = `query($b: String) { ${DOWN('a', 2000)} impact(of: { model: $b }) { affectedCount affected(first: 500) { edges { node { depth } } } } }`;
    const admitted = async () => Number(/pedigree_heavy_requests_admitted_total (\d+)/.exec(await (await fetch(`${r.url}/metrics`)).text())![1]);
    const before = await admitted();
    const load = Promise.all(Array.from({ length: 10 }, () => r.gql(heavy, { b: base })));
    const slowest = await slowestDuring(load);
    for (const res of await load) expect(res.errors ?? []).toEqual([]);
    expect(slowest).toBeLessThan(2000);
    expect((await admitted()) - before).toBe(10);
  });
});

describe('request deadline and pool wait', () => {
  let r: RegistryProcess;
  let model = '';
  beforeAll(async () => {
    // The acquire timeout also bounds opening a connection (pg-pool's connectionTimeoutMillis): at
    // 300 ms a start-up on a busy machine could time out before the tests ran.
    r = await startRegistry({ env: { PEDIGREE_REQUEST_TIMEOUT_MS: '2000', PEDIGREE_DB_POOL: '2', PEDIGREE_DB_ACQUIRE_TIMEOUT_MS: '1000' } });
    await newOrganization(r);
    model = (await newModel(r)).name;
  });
  afterAll(() => r?.stop());

  /** Holds an exclusive lock on `model` from a session of the test's own, so reads of it wait. */
  async function withModelLocked<T>(fn: () => Promise<T>): Promise<T> {
    await r.sql('BEGIN');
    await r.sql('LOCK TABLE model IN ACCESS EXCLUSIVE MODE');
    try {
      return await fn();
    } finally {
      await r.sql('ROLLBACK');
    }
  }

  const blocked = async () =>
    Number(
      (
        await r.sql(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query ILIKE '%FROM model%' AND pid <> pg_backend_pid()`,
        )
      )[0].n,
    );

  it('answers TIMEOUT at the deadline, naming the limit, and cancels the running SQL on the server', async () => {
    await withModelLocked(async () => {
      const started = Date.now();
      const res = await r.gql('{ models(first: 1) { totalCount } }');
      const took = Date.now() - started;
      expect(res.errors![0].extensions).toMatchObject({ code: 'TIMEOUT', limit: 'PEDIGREE_REQUEST_TIMEOUT_MS', limitMs: 2000 });
      expect(took).toBeGreaterThanOrEqual(1950);
      expect(took).toBeLessThan(4400);
      // Cancelled, not abandoned: nothing of the registry is still waiting on the lock.
      for (let i = 0; i < 20 && (await blocked()) > 0; i++) await new Promise((res) => setTimeout(res, 50));
      expect(await blocked()).toBe(0);
    });
  });

  it('answers UNAVAILABLE when no pool connection frees up in time', async () => {
    await withModelLocked(async () => {
      // Both pooled connections wait on the lock (one statement each); a third request cannot get one.
      const read = () => r.gql('query($n: String!) { model(name: $n) { id } }', { n: model });
      const stuck = [read(), read()];
      await new Promise((res) => setTimeout(res, 150));
      const res = await r.gql('{ organizations(first: 1) { totalCount } }');
      expect(res.errors![0].extensions).toMatchObject({ code: 'UNAVAILABLE', limit: 'PEDIGREE_DB_ACQUIRE_TIMEOUT_MS', limitMs: 1000 });
      const codes = (await Promise.all(stuck)).map((s) => s.errors?.[0].extensions.code);
      expect(codes).toEqual(['TIMEOUT', 'TIMEOUT']);
    });
  });
});
