import { assertNoErrors, RegistryProcess, startRegistry } from '@pedigree/testing';

/** OWNERSHIP in exposure, impact and portfolio, on the demo catalog's stakes (Alphabet → Google DeepMind, Microsoft 27 % of OpenAI). */
describe('ownership dependencies', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
  });
  afterAll(() => r?.stop());

  const DEPS = `dependencies { kind depth organizationName country detail explanation node { name } ownershipChain { ownerName ownedName percentage } }`;
  const stake = (owner: string, owned: string, percentage: number) =>
    r.gql(`mutation { recordOwnershipStake(input: {owner: "${owner}", owned: "${owned}", percentage: ${percentage},
      evidence: {origin: THIRD_PARTY_REPORT, justification: "test fixture", documentRef: "https://example.org/filing"}}) { id } }`);

  it('exposes a model whose publisher is owned from another country: Gemma (Google DeepMind, GB) to Alphabet (US)', async () => {
    const res = await r.gql(`{ exposure(of: {model: "google/gemma-2-9b-it"}) { ${DEPS} countries { country kinds dependencyCount via { kind } } } }`);
    assertNoErrors(res);
    const e = res.data!.exposure;
    expect(e.dependencies.map((d: { depth: number; node: { name: string } }) => [d.depth, d.node.name])).toEqual([
      [0, 'google/gemma-2-9b-it'],
      [1, 'google/gemma-2-9b'],
    ]);
    expect(e.dependencies[0]).toMatchObject({
      kind: 'OWNERSHIP',
      organizationName: 'Alphabet Inc.',
      country: 'US',
      detail: 'publisher effectively 100 % owned by Alphabet Inc. (US): Alphabet Inc. owns 100 % of Google DeepMind',
      ownershipChain: [{ ownerName: 'Alphabet Inc.', ownedName: 'Google DeepMind', percentage: 100 }],
    });
    // gemma-2-9b is a US ancestor at depth 1; the ownership of the subject's own publisher is nearer.
    expect(e.countries).toEqual([{ country: 'US', kinds: ['WEIGHTS', 'OWNERSHIP'], dependencyCount: 2, via: { kind: 'OWNERSHIP' } }]);
  });

  it('counts an owner from the threshold up, through chains of stakes, and not below it', async () => {
    for (const [slug, country] of [
      ['sg-holdco', 'SG'],
      ['sg-fund', 'SG'],
    ]) {
      assertNoErrors(
        await r.gql(`mutation { registerOrganization(input: {slug: "${slug}", name: "${slug}", country: "${country}", kind: COMPANY,
          evidence: {origin: THIRD_PARTY_REPORT, justification: "test fixture"}}) { id } }`),
      );
    }
    assertNoErrors(await stake('sg-fund', 'mistral-ai', 20));
    const below = await r.gql(`{ exposure(of: {model: "HuggingFaceH4/zephyr-7b-beta"}) { ${DEPS} } }`);
    expect(below.data!.exposure.dependencies.filter((d: { kind: string }) => d.kind === 'OWNERSHIP')).toEqual([]);
    // sg-holdco owns 60 % of sg-fund, which owns 20 % of Mistral; and 15 % directly: 0.6 × 20 + 15 = 27 %.
    assertNoErrors(await stake('sg-holdco', 'sg-fund', 60));
    assertNoErrors(await stake('sg-holdco', 'mistral-ai', 15));
    const res = await r.gql(`{ exposure(of: {model: "HuggingFaceH4/zephyr-7b-beta"}) { ${DEPS} vendors { vendorName kinds unavoidable } } }`);
    assertNoErrors(res);
    const owned = res.data!.exposure.dependencies.filter((d: { kind: string }) => d.kind === 'OWNERSHIP');
    expect(owned).toEqual([
      expect.objectContaining({
        depth: 1,
        node: { name: 'mistralai/Mistral-7B-v0.1' },
        organizationName: 'sg-holdco',
        country: 'SG',
        explanation: expect.stringMatching(
          /^HuggingFaceH4\/zephyr-7b-beta → FINETUNE → mistralai\/Mistral-7B-v0\.1 .* — publisher effectively 27 % owned by sg-holdco \(SG\)/,
        ),
      }),
    ]);
    expect(res.data!.exposure.vendors).toContainEqual({ vendorName: 'sg-holdco', kinds: ['OWNERSHIP'], unavoidable: false });
  });

  it('lists in impact the models of organizations the target effectively owns, but does not control', async () => {
    const res = await r.gql(`{ impact(of: {organization: "microsoft"}) {
      byKind { kind count } affected(first: 20) { edges { node { depth kinds inTarget dependency node { name } } } } } }`);
    assertNoErrors(res);
    const nodes = res.data!.impact.affected.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toEqual(
      expect.arrayContaining([
        {
          depth: 0,
          kinds: ['OWNERSHIP'],
          inTarget: false,
          dependency: 'publisher OpenAI effectively 27 % owned by Microsoft Corporation (US)',
          node: { name: 'openai/gpt-4' },
        },
      ]),
    );
    // gpt-4, gpt-3.5-turbo and text-davinci-003.
    expect(res.data!.impact.byKind).toContainEqual({ kind: 'OWNERSHIP', count: 3 });
    const sg = await r.gql(`{ impact(of: {country: "SG"}) { affected(first: 20) { edges { node { kinds node { name } } } } } }`);
    expect(sg.data!.impact.affected.edges.map((e: { node: { node: { name: string } } }) => e.node.node.name)).toEqual([
      'mistralai/Mistral-7B-v0.1',
      'mistralai/Mistral-7B-Instruct-v0.1',
    ]);
  });

  it('separates ownership in portfolio shares', async () => {
    const res = await r.gql(`{ portfolioExposure(filter: {scope: MODELS}) { memberCount byKind { kind countries { key count } vendors { label count } } } }`);
    assertNoErrors(res);
    const ownership = res.data!.portfolioExposure.byKind.find((k: { kind: string }) => k.kind === 'OWNERSHIP');
    expect(ownership.countries).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'US' }), expect.objectContaining({ key: 'SG' })]));
    // Every kind a model of the demo catalog has shows apart: Starling-LM's reward model (AUXILIARY), Falcon's AWS compute.
    const kinds = res.data!.portfolioExposure.byKind.map((k: { kind: string }) => k.kind);
    expect(kinds).toEqual(['WEIGHTS', 'DISTILLATION', 'TRAINING_DATA', 'AUXILIARY', 'COMPUTE', 'OWNERSHIP']);
    const compute = res.data!.portfolioExposure.byKind.find((k: { kind: string }) => k.kind === 'COMPUTE');
    expect(compute.countries).toEqual([{ key: null, count: 2 }]);
  });
});
