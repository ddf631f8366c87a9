import { assertNoErrors, EVIDENCE, newDigest, RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

/** COMPUTE and SERVING through HTTP against the demo catalog: Falcon-7B trained on AWS, DeepSeek-R1 served by AWS. */
describe('compute and serving dependencies', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
  });
  afterAll(() => r?.stop());

  const LINE = `kinds nearestDepth ancestorCount dependencyCount explanation via { kind detail trainingRunId deploymentId }`;

  it('puts where Falcon-7B was trained into the exposure of its instruct model, with the weight path to it', async () => {
    const res = await r.gql(`{ exposure(of: {model: "tiiuae/falcon-7b-instruct"}) {
      dependencies { kind depth detail explanation organizationName vendorName country node { name } path { relation } trainingRunId }
      vendors { vendorName unavoidable ${LINE} }
      countries { country ${LINE} } } }`);
    assertNoErrors(res);
    const e = res.data!.exposure;
    expect(e.dependencies).toEqual([
      expect.objectContaining({
        kind: 'COMPUTE',
        depth: 1,
        organizationName: 'Amazon Web Services, Inc.',
        vendorName: 'Amazon.com, Inc.',
        country: null,
        node: { name: 'tiiuae/falcon-7b' },
        path: [{ relation: 'FINETUNE' }],
        explanation: expect.stringMatching(
          /^tiiuae\/falcon-7b-instruct → FINETUNE → tiiuae\/falcon-7b .* — trained on Amazon Web Services, Inc\. \(US\) compute/,
        ),
      }),
    ]);
    const amazon = e.vendors.find((v: { vendorName: string }) => v.vendorName === 'Amazon.com, Inc.');
    expect(amazon).toMatchObject({ kinds: ['COMPUTE'], unavoidable: false, ancestorCount: 0, dependencyCount: 1, nearestDepth: 1 });
    expect(amazon.via).toMatchObject({ kind: 'COMPUTE', trainingRunId: e.dependencies[0].trainingRunId });
    // The card does not say where: the compute shows under the unknown country, never guessed.
    expect(e.countries.find((c: { country: string | null }) => c.country === null)).toMatchObject({ kinds: ['COMPUTE'], dependencyCount: 1 });
  });

  it('audits a deployment: what it runs, plus who serves it, unavoidable when it serves every production deployment of the system', async () => {
    const res = await r.gql(`{ exposure(deployment: "amazon-bedrock-marketplace/deepseek-r1") {
      deployment { name system } subject { name }
      dependencies { kind depth detail deploymentId organizationName }
      vendors { vendorName unavoidable kinds } } }`);
    assertNoErrors(res);
    const e = res.data!.exposure;
    expect(e.deployment).toEqual({ name: 'amazon-bedrock-marketplace/deepseek-r1', system: 'Amazon Bedrock Marketplace' });
    expect(e.subject.name).toBe('deepseek-ai/DeepSeek-R1');
    expect(e.dependencies).toEqual([expect.objectContaining({ kind: 'SERVING', depth: 0, organizationName: 'Amazon Web Services, Inc.' })]);
    expect(e.vendors).toEqual(
      expect.arrayContaining([
        { vendorName: 'Amazon.com, Inc.', unavoidable: true, kinds: ['SERVING'] },
        expect.objectContaining({ vendorName: 'High-Flyer (quantitative hedge fund)', kinds: ['WEIGHTS'] }),
      ]),
    );
  });

  it('separates portfolio shares by kind', async () => {
    const res = await r.gql(`{ portfolioExposure { memberCount byKind { kind vendors { label share } countries { key share } } } }`);
    assertNoErrors(res);
    const p = res.data!.portfolioExposure;
    expect(p.memberCount).toBe(1);
    const serving = p.byKind.find((k: { kind: string }) => k.kind === 'SERVING');
    expect(serving.vendors).toEqual([{ label: 'Amazon.com, Inc.', share: 1 }]);
    expect(p.byKind.find((k: { kind: string }) => k.kind === 'WEIGHTS').countries).toEqual([{ key: 'CN', share: 1 }]);
  });

  it.each([
    [`of: {model: "deepseek-ai/DeepSeek-R1"}, deployment: "amazon-bedrock-marketplace/deepseek-r1"`, 'INVALID_INPUT', 'deployment'],
    [`deployment: "no-such/deployment"`, 'NOT_FOUND', 'deployment'],
    [`perspective: "FR"`, 'INVALID_INPUT', 'of'],
  ])('refuses exposure(%s)', async (args, code, field) => {
    const res = await r.gql(`{ exposure(${args}) { subjectId } }`);
    expect(res.errors![0].extensions).toMatchObject({ code, field });
  });

  describe('recordModelTrainingRun', () => {
    const record = (input: string) =>
      r.gql(`mutation { recordModelTrainingRun(input: {${input}}) { id method computeCountry evidence { documentRef } computeProvider { slug } } }`);
    const ev = `evidence: {origin: MODEL_CARD, justification: "card", documentRef: "https://example.org/card"}`;

    it.each([
      [`model: {model: "tiiuae/falcon-7b"}, method: PRETRAINING, ${ev}`, 'INVALID_INPUT', 'input.computeProvider'],
      [`model: {model: "tiiuae/falcon-7b"}, method: PRETRAINING, computeProvider: "nobody-at-all", ${ev}`, 'NOT_FOUND', 'input.computeProvider'],
      [`model: {model: "tiiuae/falcon-7b"}, method: PRETRAINING, computeCountry: "Atlantis", ${ev}`, 'INVALID_INPUT', 'input.computeCountry'],
      [
        `model: {model: "tiiuae/falcon-7b"}, method: PRETRAINING, computeCountry: "US", startedAt: "2023-03-02T00:00:00Z", endedAt: "2023-03-01T00:00:00Z", ${ev}`,
        'INVALID_INPUT',
        'input.endedAt',
      ],
      [`model: {model: "no/such-model"}, method: PRETRAINING, computeCountry: "US", ${ev}`, 'NOT_FOUND', 'input.model.model'],
      [
        `model: {model: "tiiuae/falcon-7b"}, method: PRETRAINING, computeCountry: "US", evidence: {origin: MODEL_CARD, justification: " "}`,
        'INVALID_INPUT',
        'input.evidence.justification',
      ],
    ])('refuses %s, writing nothing', async (input, code, field) => {
      const before = await tableCounts(r);
      const res = await record(input);
      expect(res.errors![0].extensions).toMatchObject({ code, field });
      expect(await tableCounts(r)).toEqual(before);
    });

    it('refuses a checkpoint, whose run is stated at registration', async () => {
      const digest = newDigest();
      assertNoErrors(
        await r.gql(
          `mutation($e: EvidenceInput) { registerCheckpoint(input: {model: {model: "tiiuae/falcon-7b"}, digest: "${digest}", format: SAFETENSORS, registeredBy: "ci/test", evidence: $e}) { id } }`,
          {
            e: EVIDENCE,
          },
        ),
      );
      const before = await tableCounts(r);
      const res = await record(`model: {checkpoint: "${digest}"}, method: SFT, computeCountry: "US", ${ev}`);
      expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.model' });
      expect(await tableCounts(r)).toEqual(before);
    });

    it('records a run with its evidence once, and returns it unchanged when recorded again', async () => {
      const input = `model: {model: "mistralai/Mistral-7B-v0.1"}, method: PRETRAINING, computeCountry: "France", ${ev}`;
      const first = await record(input);
      assertNoErrors(first);
      expect(first.data!.recordModelTrainingRun).toMatchObject({
        method: 'PRETRAINING',
        computeCountry: 'FR',
        evidence: { documentRef: 'https://example.org/card' },
      });
      const before = await tableCounts(r);
      const again = await record(input);
      expect(again.data!.recordModelTrainingRun.id).toBe(first.data!.recordModelTrainingRun.id);
      expect(await tableCounts(r)).toEqual(before);
      const model = await r.gql(`{ model(name: "mistralai/Mistral-7B-v0.1") { trainingRuns { id computeCountry } } }`);
      expect(model.data!.model.trainingRuns).toEqual([{ id: first.data!.recordModelTrainingRun.id, computeCountry: 'FR' }]);
    });
  });
});

describe('impact of a cloud: what it trained and what it serves', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
  });
  afterAll(() => r?.stop());

  const IMPACT = `affectedCount byKind { kind count } deploymentCount productionDeploymentCount
    affected(first: 50) { edges { node { depth kinds inTarget dependency node { name } } } }
    deployments { edges { node { deployment { name } explanation path { id } } } }`;

  it.each(['amazon-web-services', 'amazon'])(
    'impact(of: {organization: "%s"}) lists the checkpoints and models it trained and the deployments it serves',
    async (org) => {
      const res = await r.gql(`{ impact(of: {organization: "${org}"}) { ${IMPACT} } }`);
      assertNoErrors(res);
      const i = res.data!.impact;
      expect(i.affected.edges.map((e: { node: unknown }) => e.node)).toEqual([
        { depth: 0, kinds: ['COMPUTE'], inTarget: false, dependency: 'trained on Amazon Web Services, Inc. compute', node: { name: 'tiiuae/falcon-7b' } },
      ]);
      expect(i).toMatchObject({ affectedCount: 1, byKind: [{ kind: 'COMPUTE', count: 1 }], deploymentCount: 1, productionDeploymentCount: 1 });
      expect(i.deployments.edges[0].node).toEqual({
        deployment: { name: 'amazon-bedrock-marketplace/deepseek-r1' },
        explanation: 'deepseek-ai/DeepSeek-R1 (served by Amazon Web Services, Inc.) ← deployed as amazon-bedrock-marketplace/deepseek-r1 (PRODUCTION)',
        path: [],
      });
    },
  );

  it('impact(of: {country}) lists what was trained there, added to nodes the lineage walk reaches anyway', async () => {
    const ev = `evidence: {origin: THIRD_PARTY_REPORT, justification: "test fixture", documentRef: "https://example.org/run"}`;
    assertNoErrors(
      await r.gql(
        `mutation { recordModelTrainingRun(input: {model: {model: "HuggingFaceH4/zephyr-7b-beta"}, method: DPO, computeCountry: "IS", ${ev}}) { id } }`,
      ),
    );
    const res = await r.gql(`{ impact(of: {country: "IS"}) { ${IMPACT} } }`);
    assertNoErrors(res);
    expect(res.data!.impact.affected.edges.map((e: { node: { node: { name: string }; kinds: string[] } }) => [e.node.node.name, e.node.kinds])).toEqual([
      ['HuggingFaceH4/zephyr-7b-beta', ['COMPUTE']],
    ]);
    // zephyr-7b-alpha is a fine-tune of Mistral-7B (FR): France's walk reaches it anyway, and COMPUTE is added.
    assertNoErrors(
      await r.gql(
        `mutation { recordModelTrainingRun(input: {model: {model: "HuggingFaceH4/zephyr-7b-alpha"}, method: DPO, computeCountry: "FR", ${ev}}) { id } }`,
      ),
    );
    const fr = await r.gql(`{ impact(of: {country: "FR"}) { ${IMPACT} } }`);
    assertNoErrors(fr);
    const alpha = fr.data!.impact.affected.edges.find((e: { node: { node: { name: string } } }) => e.node.node.name === 'HuggingFaceH4/zephyr-7b-alpha');
    expect(alpha.node).toMatchObject({ depth: 1, kinds: ['WEIGHTS', 'COMPUTE'], inTarget: false, dependency: 'trained on compute in FR' });
    expect(fr.data!.impact.byKind).toContainEqual({ kind: 'COMPUTE', count: 1 });
  });
});
