import { assertEdge, assertNoErrors, EVIDENCE, newModel, newOrganization, RegistryProcess, startRegistry, tableCounts, uniqueName } from '@pedigree/testing';

/**
 * What the registry knew at a past moment (issue 17) beyond exposure: a model and the model list as
 * recorded then, what a change would have affected then (impact), and a portfolio then. Each is
 * asked before and after a change (a placeholder's completion, a new derivative, a retraction, a new
 * deployment) and must answer differently; the present must answer as after. Run with either
 * lineage graph: the in-memory index hands a past walk to the CTE, and answers the present itself.
 */
describe.each(['memory', 'cte'])('model, models, impact and portfolioExposure as of a moment (PEDIGREE_LINEAGE_INDEX=%s)', (mode) => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_LINEAGE_INDEX: mode } });
    await newOrganization(r, 'test-org', 'FR');
    await newOrganization(r, 'asof-us-lab', 'US');
    await newOrganization(r, 'asof-cn-lab', 'CN');
  });
  afterAll(() => r?.stop());

  const clock = async (): Promise<string> => (await r.sql<{ t: Date }>(`SELECT clock_timestamp() AS t`))[0].t.toISOString();
  const data = async (query: string, variables: Record<string, unknown>) => assertNoErrors(await r.gql(query, variables), query).data;

  /** A placeholder published by the US lab under a compound license, completed later by the FR org under Apache-2.0. */
  async function completedPlaceholder() {
    const beforeRegistration = await clock();
    const name = uniqueName('asof-placeholder');
    await newModel(r, { name, publisher: 'asof-us-lab', license: 'MIT AND (BSD-3-Clause OR Apache-1.1+)', placeholder: true });
    const beforeCompletion = await clock();
    await newModel(r, { name, publisher: 'test-org', license: 'Apache-2.0' });
    return { name, beforeRegistration, beforeCompletion };
  }

  const MODEL = `query($name: String!, $asOf: DateTime) {
    model(name: $name, asOf: $asOf) { name license licenseEvidence { justification } access country countrySource publisher { slug } }
  }`;

  it('model(asOf) answers with the publisher, license and country recorded then, and null before the registration', async () => {
    const { name, beforeRegistration, beforeCompletion } = await completedPlaceholder();
    expect((await data(MODEL, { name, asOf: beforeCompletion })).model).toEqual({
      name,
      license: 'MIT AND (BSD-3-Clause OR Apache-1.1+)',
      // The evidence of a replaced license is not kept.
      licenseEvidence: null,
      access: 'OPEN_WEIGHTS',
      country: 'US',
      countrySource: 'PUBLISHER',
      publisher: { slug: 'asof-us-lab' },
    });
    const now = (await data(MODEL, { name })).model;
    expect(now).toMatchObject({ license: 'Apache-2.0', licenseEvidence: { justification: 'test fixture' }, country: 'FR', publisher: { slug: 'test-org' } });
    expect((await data(MODEL, { name, asOf: new Date().toISOString() })).model).toEqual(now);
    expect((await data(MODEL, { name, asOf: beforeRegistration })).model).toBeNull();
  });

  it('models(asOf) lists the models registered by then, filtered on the facts of then', async () => {
    const { name, beforeRegistration, beforeCompletion } = await completedPlaceholder();
    const q = `query($f: ModelFilterInput, $asOf: DateTime) { models(filter: $f, asOf: $asOf) { totalCount edges { node { name license country } } } }`;
    const names = async (f: Record<string, unknown>, asOf?: string) =>
      (await data(q, { f: { search: name, ...f }, asOf })).models.edges.map((e: any) => e.node.name);
    // A license id inside the compound expression of then, the country and the publisher (with what it controlled) of then.
    for (const f of [{ license: 'Apache-1.1' }, { license: 'MIT' }, { country: 'US' }, { organization: 'asof-us-lab' }]) {
      expect([f, await names(f, beforeCompletion)]).toEqual([f, [name]]);
      expect([f, await names(f)]).toEqual([f, []]);
    }
    for (const f of [{ license: 'Apache-2.0' }, { country: 'FR' }, { organization: 'test-org' }]) {
      expect([f, await names(f, beforeCompletion)]).toEqual([f, []]);
      expect([f, await names(f)]).toEqual([f, [name]]);
    }
    expect((await data(q, { f: { search: name }, asOf: beforeRegistration })).models).toEqual({ totalCount: 0, edges: [] });
  });

  const IMPACT = `query($of: ImpactTargetInput!, $asOf: DateTime) {
    impact(of: $of, asOf: $asOf) {
      rootIds affectedCount deploymentCount
      affected(first: 50) { edges { node { node { id } } } }
      deployments { edges { node { deployment { name } path { id retraction { recordedBy } } } } }
    }
  }`;

  it('impact(asOf) walks the descendants and finds the deployments recorded then', async () => {
    const base = await newModel(r, { publisher: 'asof-cn-lab' });
    const first = await newModel(r);
    const edgeId: string = assertNoErrors(await assertEdge(r, first.name, base.name)).data.assertLineage.id;
    const beforeDerivative = await clock();
    const second = await newModel(r, { lineage: [{ source: { model: base.name }, relation: 'FINETUNE' }] });
    assertNoErrors(
      await r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id } }`, {
        i: { name: `asof/${first.id}`, system: 'As-of test', ownerTeam: 'asof', environment: 'PRODUCTION', criticality: 'LOW', uses: { model: first.name } },
      }),
    );
    const beforeRetraction = await clock();
    assertNoErrors(
      await r.gql(`mutation($i: RetractLineageInput!) { retractLineage(input: $i) { id } }`, {
        i: { edgeId, recordedBy: 'auditor', evidence: { origin: 'AUDIT_FINDING', justification: 'wrong base' } },
      }),
    );
    const impact = async (asOf?: string) => {
      const i = (await data(IMPACT, { of: { model: base.name }, asOf })).impact;
      return { affected: i.affected.edges.map((e: any) => e.node.node.id).sort(), deployments: i.deployments.edges.map((e: any) => e.node) };
    };
    expect(await impact(beforeDerivative)).toEqual({ affected: [first.id], deployments: [] });
    // The deployment's path is shown as known then: the edge's later retraction had not been recorded.
    expect(await impact(beforeRetraction)).toEqual({
      affected: [first.id, second.id].sort(),
      deployments: [{ deployment: { name: `asof/${first.id}` }, path: [{ id: edgeId, retraction: null }] }],
    });
    expect(await impact()).toEqual({ affected: [second.id], deployments: [] });
  });

  it('impact(asOf) of an organization or a country takes its models by the publishers of then', async () => {
    const { name, beforeCompletion } = await completedPlaceholder();
    const [{ id }] = await r.sql<{ id: string }>(`SELECT id::text FROM model WHERE name = $1`, [name]);
    for (const of of [{ organization: 'asof-us-lab' }, { country: 'US' }]) {
      expect((await data(IMPACT, { of, asOf: beforeCompletion })).impact.rootIds).toContain(id);
      expect((await data(IMPACT, { of })).impact.rootIds).not.toContain(id);
    }
    expect((await data(IMPACT, { of: { organization: 'test-org' }, asOf: beforeCompletion })).impact.rootIds).not.toContain(id);
    expect((await data(IMPACT, { of: { organization: 'test-org' } })).impact.rootIds).toContain(id);
  });

  const PORTFOLIO = `query($f: PortfolioFilterInput, $asOf: DateTime) {
    portfolioExposure(filter: $f, asOf: $asOf) { memberCount countries { key count } }
  }`;

  it('portfolioExposure(asOf) counts the members registered then, with their exposure of then', async () => {
    const base = await newModel(r, { publisher: 'asof-cn-lab' });
    const model = await newModel(r);
    const edgeId: string = assertNoErrors(await assertEdge(r, model.name, base.name)).data.assertLineage.id;
    const tag = `asof-${model.id}`;
    const beforeDeployment = await clock();
    assertNoErrors(
      await r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id } }`, {
        i: {
          name: `asof/p-${model.id}`,
          system: 'As-of',
          ownerTeam: 'asof',
          environment: 'PRODUCTION',
          criticality: 'LOW',
          uses: { model: model.name },
          tags: [tag],
        },
      }),
    );
    const beforeRetraction = await clock();
    assertNoErrors(
      await r.gql(`mutation($i: RetractLineageInput!) { retractLineage(input: $i) { id } }`, {
        i: { edgeId, recordedBy: 'auditor', evidence: { origin: 'AUDIT_FINDING', justification: 'wrong base' } },
      }),
    );
    const portfolio = async (f: Record<string, unknown>, asOf?: string) => {
      const p = (await data(PORTFOLIO, { f, asOf })).portfolioExposure;
      return { members: p.memberCount, countries: p.countries.map((c: { key: string }) => c.key).sort() };
    };
    expect(await portfolio({ tag }, beforeDeployment)).toEqual({ members: 0, countries: [] });
    expect(await portfolio({ tag }, beforeRetraction)).toEqual({ members: 1, countries: ['CN', 'FR'] });
    expect(await portfolio({ tag })).toEqual({ members: 1, countries: ['FR'] });

    // Models by the publisher of then.
    const { beforeCompletion } = await completedPlaceholder();
    expect(await portfolio({ scope: 'MODELS', organization: 'asof-us-lab' }, beforeCompletion)).toEqual({ members: 1, countries: ['US'] });
    expect(await portfolio({ scope: 'MODELS', organization: 'asof-us-lab' })).toEqual({ members: 0, countries: [] });
  });

  it('exposureDiff judges the stakes on one validAt day at both ends', async () => {
    const slug = `asof-sub-${process.pid}`;
    assertNoErrors(
      await r.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
        i: { slug, name: slug, kind: 'COMPANY', aliases: [], evidence: EVIDENCE },
      }),
    );
    const base = await newModel(r, { publisher: slug });
    const model = await newModel(r);
    assertNoErrors(await assertEdge(r, model.name, base.name));
    const from = await clock();
    assertNoErrors(
      await r.gql(`mutation($i: RecordOwnershipStakeInput!) { recordOwnershipStake(input: $i) { id } }`, {
        i: { owner: 'asof-cn-lab', owned: slug, percentage: 100, validFrom: '2024-01-01', evidence: { origin: 'THIRD_PARTY_REPORT', justification: 'filing' } },
      }),
    );
    const q = `query($of: String!, $from: DateTime!, $validAt: String) {
      exposureDiff(of: { model: $of }, from: $from, validAt: $validAt) { validAt changes { aspect change key } }
    }`;
    const today = (await data(q, { of: model.name, from })).exposureDiff;
    expect(today.validAt).toBeNull();
    expect(today.changes).toEqual(expect.arrayContaining([{ aspect: 'COUNTRY', change: 'APPEARED', key: 'CN' }]));
    // On a day before the stake held, the recording changed nothing.
    expect((await data(q, { of: model.name, from, validAt: '2023-06-01' })).exposureDiff).toEqual({ validAt: '2023-06-01', changes: [] });
  });

  describe('refuses bad input with INVALID_INPUT naming the argument, changing nothing', () => {
    const refused = async (query: string, variables: Record<string, unknown>) => {
      const counts = await tableCounts(r);
      const res = await r.gql(query, variables);
      expect(await tableCounts(r)).toEqual(counts);
      expect(res.errors).toHaveLength(1);
      return { ...res.errors![0].extensions, message: res.errors![0].message };
    };
    const future = () => new Date(Date.now() + 3_600_000).toISOString();

    it('an asOf in the future, on each query', async () => {
      const m = await newModel(r);
      for (const [query, variables] of [
        [MODEL, { name: m.name, asOf: future() }],
        [`query($asOf: DateTime) { models(asOf: $asOf) { totalCount } }`, { asOf: future() }],
        [IMPACT, { of: { model: m.name }, asOf: future() }],
        [PORTFOLIO, { asOf: future() }],
      ] as const) {
        expect(await refused(query, variables)).toMatchObject({ code: 'INVALID_INPUT', field: 'asOf', message: expect.stringMatching(/in the future/) });
      }
    });

    it('an impact asOf before its target was registered', async () => {
      const m = await newModel(r);
      const early = '2001-01-01T00:00:00Z';
      expect(await refused(IMPACT, { of: { model: m.name }, asOf: early })).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'asOf',
        message: expect.stringMatching(/before the node was registered/),
      });
      expect(await refused(IMPACT, { of: { organization: 'asof-us-lab' }, asOf: early })).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'asOf',
        message: expect.stringMatching(/before the organization was registered/),
      });
    });

    it('an exposureDiff validAt that is no calendar day', async () => {
      const m = await newModel(r);
      const q = `query($of: String!, $from: DateTime!, $validAt: String) { exposureDiff(of: { model: $of }, from: $from, validAt: $validAt) { validAt } }`;
      expect(await refused(q, { of: m.name, from: '2001-01-01T00:00:00Z', validAt: '2025-02-30' })).toMatchObject({ code: 'INVALID_INPUT', field: 'validAt' });
    });
  });
});
