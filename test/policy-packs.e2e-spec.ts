import { assertNoErrors, EVIDENCE, newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

const BEDROCK = 'amazon-bedrock-marketplace/deepseek-r1';

/** The shipped packs load, cite their sources, and tell a vendor's service, its weights and derivatives of them apart. */
describe('policy packs on the demo catalog', () => {
  let r: RegistryProcess;
  const evaluate = async (deployment: string) => {
    const res = await r.gql(
      `query($d: String!) { evaluatePolicies(subject: { deployment: $d }) { outcome findings { policy effect ancestors { name depth path } } } }`,
      { d: deployment },
    );
    return assertNoErrors(res).data.evaluatePolicies as {
      outcome: string;
      findings: { policy: string; effect: string; ancestors: { name: string; depth: number; path: string }[] }[];
    };
  };
  const enable = async (key: string) =>
    assertNoErrors(await r.gql(`mutation($k: String!) { setPolicyEnabled(key: $k, enabled: true) { enabled } }`, { k: key }));

  beforeAll(async () => {
    r = await startRegistry({ demo: true, env: { PEDIGREE_POLICY_WORKER_POLL_MS: '100' } });
  });
  afterAll(() => r?.stop());

  it('lists every pack with its sources, and every rule cites one', async () => {
    const res = await r.gql(`{ policyPacks { key sources { url } policies { key documentRef condition } } }`);
    const packs = assertNoErrors(res).data.policyPacks as { key: string; sources: { url: string }[]; policies: { key: string; documentRef: string }[] }[];
    expect(packs.map((p) => p.key)).toEqual([
      'au-pspf-direction-001-2025',
      'distillation-competing-model-terms',
      'license-drift-waivers',
      'us-deepseek-government-devices-2025',
      'vendor-country-cutoff-template',
    ]);
    for (const p of packs) {
      expect(p.sources.length).toBeGreaterThan(0);
      for (const rule of p.policies) expect(rule.documentRef).toMatch(/^https?:\/\//);
    }
  });

  it('loads every pack disabled, each condition compiling, and nothing fires until enabled', async () => {
    const packs = assertNoErrors(await r.gql(`{ policyPacks { key policies { key } } }`)).data.policyPacks as { key: string; policies: { key: string }[] }[];
    for (const p of packs) {
      const res = await r.gql(`mutation($k: String!) { loadPolicyPack(key: $k) { pack policies { key enabled pack version } } }`, { k: p.key });
      const loaded = assertNoErrors(res, `loadPolicyPack ${p.key}`).data.loadPolicyPack;
      expect(loaded.policies.map((x: { key: string }) => x.key)).toEqual(p.policies.map((x) => x.key));
      expect(loaded.policies.every((x: { enabled: boolean; pack: string }) => !x.enabled && x.pack === p.key)).toBe(true);
    }
    expect(await evaluate(BEDROCK)).toEqual({ outcome: 'ALLOW', findings: [] });
    const missing = await r.gql(`mutation { loadPolicyPack(key: "no-such-pack") { pack } }`);
    expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'key' });
  });

  it('tells running DeepSeek weights apart from using its service and from derivatives', async () => {
    for (const k of ['au-pspf-001-2025/deepseek-service', 'au-pspf-001-2025/deepseek-weights', 'au-pspf-001-2025/deepseek-derivatives']) await enable(k);
    // Bedrock runs DeepSeek-R1 itself on AWS: its weights, not DeepSeek's service.
    const bedrock = await evaluate(BEDROCK);
    expect(bedrock.findings.map((f) => f.policy)).toEqual(['au-pspf-001-2025/deepseek-weights']);
    expect(bedrock.findings[0].ancestors[0]).toMatchObject({ name: 'deepseek-ai/DeepSeek-R1', depth: 1 });

    await newOrganization(r, 'test-org', 'AU');
    await newModel(r, {
      name: 'test-org/legal-r1-distill',
      lineage: [{ source: { model: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B' }, relation: 'FINETUNE' }],
    });
    const deployment = (name: string, uses: string) =>
      r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { name } }`, {
        i: { name, system: 'gov-assistant', ownerTeam: 'digital', environment: 'STAGING', criticality: 'HIGH', uses: { model: uses }, evidence: EVIDENCE },
      });
    assertNoErrors(await deployment('test/derivative', 'test-org/legal-r1-distill'));
    const derivative = await evaluate('test/derivative');
    expect(derivative.findings.map((f) => f.policy)).toEqual(['au-pspf-001-2025/deepseek-derivatives']);
    expect(derivative.findings[0].ancestors.map((a) => a.name)).toContain('deepseek-ai/DeepSeek-R1-Distill-Llama-8B');

    // DeepSeek's own service: a DENY at the gate, and nothing registered.
    const served = await r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { name } }`, {
      i: {
        name: 'test/deepseek-api',
        system: 'gov-assistant',
        ownerTeam: 'digital',
        environment: 'STAGING',
        criticality: 'HIGH',
        uses: { model: 'deepseek-ai/DeepSeek-R1' },
        inferenceProvider: 'deepseek',
        evidence: EVIDENCE,
      },
    });
    expect(served.errors![0].extensions).toMatchObject({ code: 'POLICY_VIOLATION' });
    expect(served.errors![0].message).toContain('au-pspf-001-2025/deepseek-service');
    expect(assertNoErrors(await r.gql(`{ deployment(name: "test/deepseek-api") { name } }`)).data.deployment).toBeNull();
  });
});
