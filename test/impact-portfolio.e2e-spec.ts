import { assertNoErrors, RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

const evidence = `evidence: { origin: PIPELINE_DECLARATION, justification: "declared by the platform team" }`;
const digest = 'sha256:' + 'c'.repeat(64);

/** "If Meta changes the Llama license, which production systems are affected, and through which models?" */
describe('impact and portfolio on the demo catalog with deployments', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
    const res = await r.gql(`mutation {
      registerOrganization(input: { slug: "acme", name: "Acme AI", country: "FR", kind: COMPANY, ${evidence} }) { id }
      legal: registerModel(input: { name: "acme/legal-llama", license: "LicenseRef-llama3.1", access: OPEN_WEIGHTS, ${evidence},
        lineage: [{ source: { model: "meta-llama/Llama-3.1-8B-Instruct" }, relation: FINETUNE }] }) { id }
    }`);
    assertNoErrors(res);
    const ckpt = await r.gql(
      `mutation { registerCheckpoint(input: { model: { model: "acme/legal-llama" }, digest: "${digest}", format: SAFETENSORS, registeredBy: "ci" }) { id } }`,
    );
    assertNoErrors(ckpt);
    const deps = await r.gql(`mutation {
      a: registerDeployment(input: { name: "claims/prod", system: "Claims assistant", ownerTeam: "claims", environment: PRODUCTION, criticality: HIGH,
        uses: { checkpoint: "${digest}" }, inferenceProvider: "microsoft", country: "IE", tags: ["customer-facing"] }) { id }
      b: registerDeployment(input: { name: "support/prod", system: "Support bot", ownerTeam: "support", environment: PRODUCTION, criticality: MEDIUM,
        uses: { model: "openai/gpt-4" }, inferenceProvider: "openai" }) { id }
      c: registerDeployment(input: { name: "search/staging", system: "Search", ownerTeam: "search", environment: STAGING, criticality: LOW,
        uses: { model: "mistralai/Mistral-7B-Instruct-v0.1" } }) { id }
    }`);
    assertNoErrors(deps);
  });
  afterAll(() => r?.stop());

  it('finds the production system affected by Meta, and the models it goes through', async () => {
    const res = await r.gql(`{ impact(of: { organization: "meta" }) {
      affectedCount byKind { kind count } byRelation { relation count } deploymentCount productionDeploymentCount
      affected(first: 50) { totalCount edges { node { depth kinds inTarget node { name } } } }
      deployments { edges { node { deployment { name environment } explanation path { relation source { name } derived { name } } } } }
    } }`);
    expect(res.errors).toBeUndefined();
    const i = res.data.impact;
    expect(i.deploymentCount).toBe(1);
    expect(i.productionDeploymentCount).toBe(1);
    const dep = i.deployments.edges[0].node;
    expect(dep.deployment).toEqual({ name: 'claims/prod', environment: 'PRODUCTION' });
    expect(dep.path.map((p: any) => `${p.source.name} <-${p.relation}- ${p.derived.name}`)).toEqual([
      'meta-llama/Llama-3.1-8B-Instruct <-FINETUNE- acme/legal-llama',
      `acme/legal-llama <-CHECKPOINT_OF- ${digest}`,
    ]);
    const affected = i.affected.edges.map((e: any) => `${e.node.node.name}${e.node.inTarget ? ' (Meta)' : ''} @${e.node.depth}`).sort();
    // Meta's instruct models are built on its base models: part of the target, and affected too.
    // Starling-RM is a finetune of Llama 2 Chat, and Starling-LM is shaped by it as a reward model (AUXILIARY).
    expect(affected).toEqual(
      [
        'acme/legal-llama @1',
        `${digest} @2`,
        'deepseek-ai/DeepSeek-R1-Distill-Llama-70B @1',
        'deepseek-ai/DeepSeek-R1-Distill-Llama-8B @1',
        'meta-llama/Llama-3.1-8B-Instruct (Meta) @1',
        'meta-llama/Llama-3.3-70B-Instruct (Meta) @1',
        'berkeley-nest/Starling-RM-7B-alpha @1',
        'berkeley-nest/Starling-LM-7B-alpha @2',
      ].sort(),
    );
    expect(i.affectedCount).toBe(8);
    expect(i.byKind).toEqual([
      { kind: 'WEIGHTS', count: 7 },
      { kind: 'AUXILIARY', count: 1 },
    ]);
    expect(i.byRelation).toEqual(expect.arrayContaining([{ relation: 'CHECKPOINT_OF', count: 1 }]));
  });

  it('pages the affected nodes', async () => {
    const first = await r.gql(`{ impact(of: { organization: "meta" }) { affected(first: 4) { pageInfo { hasNextPage endCursor } edges { node { id } } } } }`);
    const page = first.data.impact.affected;
    expect(page.edges).toHaveLength(4);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await r.gql(
      `query($a: String) { impact(of: { organization: "meta" }) { affected(first: 4, after: $a) { pageInfo { hasNextPage } edges { node { id } } } } }`,
      {
        a: page.pageInfo.endCursor,
      },
    );
    // 8 affected: two pages of 4.
    expect(rest.data.impact.affected.edges).toHaveLength(4);
    expect(rest.data.impact.affected.pageInfo.hasNextPage).toBe(false);
  });

  it('takes a country as a target: what derives from US models and datasets, through the chosen relations', async () => {
    const res = await r.gql(
      `{ impact(of: { country: "US" }, relations: [FINETUNE]) { rootIds affected(first: 100) { edges { node { kinds node { name } } } } } }`,
    );
    const names = res.data.impact.affected.edges.map((e: any) => e.node.node.name);
    expect(names).toEqual(expect.arrayContaining(['deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 'acme/legal-llama', digest]));
    expect(names).not.toContain('Qwen/Qwen2.5-7B-Instruct');
    expect(names).not.toContain('meta-llama/Llama-3.1-8B');
  });

  it('computes portfolio shares, HHI and single points of failure across deployments', async () => {
    // The demo catalog's own deployment (Amazon Bedrock Marketplace) is left out: this portfolio is the test's two.
    const res = await r.gql(`{ portfolioExposure(filter: { environment: PRODUCTION, excludeTags: ["demo-catalog"] }, top: 30) {
      scope memberCount countries { key count share } vendors { key label count }
      weightRootVendors { hhi shares { label count } } inferenceProviders { hhi shares { label count } }
      singlePointsOfFailure { kind label count share memberIds }
    } }`);
    expect(res.errors).toBeUndefined();
    const p = res.data.portfolioExposure;
    expect(p.memberCount).toBe(2);
    expect(p.countries.find((c: any) => c.key === 'US')).toMatchObject({ count: 2, share: 1 });
    expect(p.countries.find((c: any) => c.key === 'IE')).toMatchObject({ count: 1, share: 0.5 });
    expect(p.weightRootVendors.shares.map((s: any) => [s.label, s.count])).toEqual([
      ['Meta Platforms, Inc.', 1],
      ['OpenAI', 1],
    ]);
    expect(p.weightRootVendors.hhi).toBe(5000);
    expect(p.inferenceProviders.hhi).toBe(5000);
    const spof = p.singlePointsOfFailure.map((f: any) => [f.kind, f.label, f.count]);
    expect(spof[0]).toEqual(['COUNTRY', 'US', 2]);
    expect(spof).toEqual(
      expect.arrayContaining([
        ['VENDOR', 'OpenAI', 1],
        ['VENDOR', 'Meta Platforms, Inc.', 1],
        ['BASE_MODEL', 'meta-llama/Llama-3.1-8B', 1],
      ]),
    );
  });

  it('filters a portfolio by owner and tag, and by organization for models', async () => {
    const owner = await r.gql(`{ portfolioExposure(filter: { ownerTeam: "search" }) { memberCount vendors { key } } }`);
    expect(owner.data.portfolioExposure.memberCount).toBe(1);
    const tag = await r.gql(`{ portfolioExposure(filter: { tag: "customer-facing" }) { memberCount } }`);
    expect(tag.data.portfolioExposure.memberCount).toBe(1);
    const models = await r.gql(`{ portfolioExposure(filter: { scope: MODELS, organization: "deepseek" }) { memberCount countries { key } } }`);
    expect(models.data.portfolioExposure.memberCount).toBe(9);
    expect(models.data.portfolioExposure.countries.map((c: any) => c.key).sort()).toEqual(['CN', 'US']);
  });

  it('rejects bad deployment input with the field named and nothing written', async () => {
    const before = await tableCounts(r);
    const cases: [string, string, string][] = [
      [`name: "Bad Name!", uses: { model: "openai/gpt-4" }`, 'INVALID_INPUT', 'input.name'],
      [`name: "x/ds", uses: { dataset: "HuggingFaceH4/ultrachat_200k" }`, 'INVALID_INPUT', 'input.uses'],
      [`name: "x/c", uses: { model: "openai/gpt-4" }, country: "ZZ"`, 'INVALID_INPUT', 'input.country'],
      [`name: "x/p", uses: { model: "openai/gpt-4" }, inferenceProvider: "nobody"`, 'NOT_FOUND', 'input.inferenceProvider'],
    ];
    for (const [fields, code, field] of cases) {
      const res = await r.gql(`mutation { registerDeployment(input: { ${fields}, system: "s", ownerTeam: "t", environment: TEST, criticality: LOW }) { id } }`);
      expect(res.errors![0].extensions).toMatchObject({ code, field });
    }
    const wrongScope = await r.gql(`{ portfolioExposure(filter: { scope: MODELS, ownerTeam: "x" }) { memberCount } }`);
    expect(wrongScope.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'filter.ownerTeam' });
    const twoTargets = await r.gql(`{ impact(of: { model: "openai/gpt-4", country: "US" }) { affectedCount } }`);
    expect(twoTargets.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'of' });
    expect(await tableCounts(r)).toEqual(before);
  });

  it('registering the same deployment twice is a no-op; a changed one is a CONFLICT', async () => {
    const again = await r.gql(`mutation { registerDeployment(input: { name: "search/staging", system: "Search", ownerTeam: "search", environment: STAGING,
      criticality: LOW, uses: { model: "mistralai/Mistral-7B-Instruct-v0.1" } }) { id } }`);
    expect(again.errors).toBeUndefined();
    const changed = await r.gql(`mutation { registerDeployment(input: { name: "search/staging", system: "Search", ownerTeam: "search", environment: PRODUCTION,
      criticality: LOW, uses: { model: "mistralai/Mistral-7B-Instruct-v0.1" } }) { id } }`);
    expect(changed.errors![0].extensions).toMatchObject({ code: 'CONFLICT', fields: ['input.environment'] });
  });
});
