import { assertNoErrors, EVIDENCE, RegistryProcess, startRegistry } from '@pedigree/testing';

const SCENARIO = `query($of: CutOffTargetInput!, $scope: CutOffScopeInput) {
  cutOffScenario(of: $of, scope: $scope) {
    target affectedDeploymentCount parameterRange truncated
    withoutSubstitute { criticality count }
    deployments {
      deployment { name tasks } environment criticality explanation
      path { relation source { name } derived { name } evidence { origin } }
      currentModel { name parameterCount tasks }
      substitutes { rank closeness reasons model { name license parameterCount modality tasks } }
    }
  }
}`;

const EXPOSURE = `query($m: String!) { exposure(of: { model: $m }) { countries { country } vendors { vendor { slug } } } }`;

/** Cut-off scenarios on the demo catalog, plus deployments this test files for the parts the catalog lacks. */
describe('cut-off scenarios on the demo catalog', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
    const register = (input: Record<string, unknown>) =>
      r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id tasks } }`, { i: { ownerTeam: 'support', ...input } });
    const filed = await Promise.all([
      register({
        name: 'support-bot/prod',
        system: 'Support bot',
        environment: 'PRODUCTION',
        criticality: 'CRITICAL',
        uses: { model: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B' },
        tasks: ['Chat', 'chat'],
      }),
      register({
        name: 'support-bot/research',
        system: 'Support bot',
        environment: 'RESEARCH',
        criticality: 'LOW',
        uses: { model: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B' },
      }),
    ]);
    for (const f of filed) assertNoErrors(f);
  });
  afterAll(() => r?.stop());

  const scenario = async (of: Record<string, string>, scope?: Record<string, unknown>) => {
    const res = await r.gql(SCENARIO, { of, scope });
    expect(res.errors).toBeUndefined();
    return res.data.cutOffScenario;
  };

  it('cutting off deepseek-ai breaks the Bedrock DeepSeek-R1 deployment and the distills built on R1, each with substitutes that avoid DeepSeek', async () => {
    const s = await scenario({ organization: 'deepseek-ai' }, { parameterRange: 10 });
    expect(s.target).toMatch(/DeepSeek/);
    expect(s.parameterRange).toBe(10);
    const names = s.deployments.map((d: any) => d.deployment.name);
    // Most critical first.
    expect(names).toEqual(['support-bot/prod', 'amazon-bedrock-marketplace/deepseek-r1', 'support-bot/research']);
    expect(s.affectedDeploymentCount).toBe(3);

    const bedrock = s.deployments.find((d: any) => d.deployment.name === 'amazon-bedrock-marketplace/deepseek-r1');
    expect(bedrock).toMatchObject({ environment: 'PRODUCTION', criticality: 'MEDIUM', currentModel: { name: 'deepseek-ai/DeepSeek-R1', tasks: ['chat'] } });
    // The ×10 window around 671B, chat, commercial: the 70B-class chat models not built on DeepSeek.
    expect(bedrock.substitutes.map((x: any) => x.model.name).sort()).toEqual(['Qwen/Qwen2.5-72B-Instruct', 'meta-llama/Llama-3.3-70B-Instruct']);
    expect(bedrock.substitutes.map((x: any) => x.rank)).toEqual([1, 2]);

    const bot = s.deployments.find((d: any) => d.deployment.name === 'support-bot/prod');
    // The distill is DeepSeek's own model: no path, it is part of the target.
    expect(bot.path).toEqual([]);
    expect(bot.explanation).toBe('deepseek-ai/DeepSeek-R1-Distill-Llama-8B ← deployed as support-bot/prod (PRODUCTION)');
    if (process.env.CUTOFF_DEBUG) console.log(JSON.stringify(s, null, 1));
    const botNames = bot.substitutes.map((x: any) => x.model.name);
    expect(botNames.length).toBeGreaterThan(0);
    expect(botNames.length).toBeLessThanOrEqual(5);
    expect(botNames).toContain('meta-llama/Llama-3.1-8B-Instruct');
    for (const x of bot.substitutes) {
      expect(x.model.tasks).toContain('chat');
      expect(x.reasons).toEqual(
        expect.arrayContaining([
          'same modality text',
          expect.stringMatching(/^\d+\.\dB parameters, within ×10 of 8\.0B$/),
          expect.stringMatching(/allows commercial use/),
          'tasks chat match',
          expect.stringMatching(
            /^ancestry avoids organization deepseek-ai on every relation \(weights, distillation, training data, auxiliary, compute, ownership\)$/,
          ),
        ]),
      );
    }
    expect(bot.substitutes.map((x: any) => x.closeness)).toEqual([...bot.substitutes.map((x: any) => x.closeness)].sort((a: number, b: number) => b - a));

    // The research deployment needs no commercial license and states no task, so base models qualify.
    const research = s.deployments.find((d: any) => d.deployment.name === 'support-bot/research');
    expect(research.substitutes.length).toBe(5);

    // None of the substitutes has DeepSeek anywhere in its ancestry, by the exposure query.
    const all = [...new Set<string>(s.deployments.flatMap((d: any) => d.substitutes.map((x: any) => x.model.name)))];
    expect(all.some((n) => n.startsWith('deepseek-ai/'))).toBe(false);
    expect(all).not.toContain('deepseek-ai/DeepSeek-R1-Distill-Llama-70B');
    for (const name of all) {
      const e = await r.gql(EXPOSURE, { m: name });
      expect(e.errors).toBeUndefined();
      expect(e.data.exposure.vendors.map((v: any) => v.vendor.slug)).not.toContain('deepseek-ai');
    }
  });

  it('the default ×4 window leaves the 671B Bedrock deployment without a substitute, counted by criticality', async () => {
    const s = await scenario({ organization: 'deepseek-ai' });
    expect(s.parameterRange).toBe(4);
    const bedrock = s.deployments.find((d: any) => d.deployment.name === 'amazon-bedrock-marketplace/deepseek-r1');
    expect(bedrock.substitutes).toEqual([]);
    expect(s.withoutSubstitute).toEqual([{ criticality: 'MEDIUM', count: 1 }]);
  });

  it('scope filters which deployments count', async () => {
    const prod = await scenario({ organization: 'deepseek-ai' }, { environments: ['PRODUCTION'], minCriticality: 'HIGH' });
    expect(prod.deployments.map((d: any) => d.deployment.name)).toEqual(['support-bot/prod']);
    expect((await scenario({ organization: 'deepseek-ai' }, { tag: 'demo-catalog' })).affectedDeploymentCount).toBe(1);
    expect((await scenario({ organization: 'deepseek-ai' }, { ownerTeam: 'support' })).affectedDeploymentCount).toBe(2);
  });

  it('a country cut-off excludes every substitute with an ancestor or vendor from that country', async () => {
    const s = await scenario({ country: 'CN' }, { parameterRange: 10 });
    const all = [...new Set<string>(s.deployments.flatMap((d: any) => d.substitutes.map((x: any) => x.model.name)))];
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((n) => n.startsWith('Qwen/'))).toBe(false);
    for (const name of all) {
      const e = await r.gql(EXPOSURE, { m: name });
      expect(e.data.exposure.countries.map((c: any) => c.country)).not.toContain('CN');
    }
  });

  it('a model cut-off: Llama-3.1-8B takes its fine-tunes and distills with it', async () => {
    const s = await scenario({ model: 'meta-llama/Llama-3.1-8B' });
    const bot = s.deployments.find((d: any) => d.deployment.name === 'support-bot/prod');
    expect(bot.path.map((e: any) => `${e.derived.name} -${e.relation}-> ${e.source.name} (${e.evidence.origin})`)).toEqual([
      expect.stringMatching(/^deepseek-ai\/DeepSeek-R1-Distill-Llama-8B -FINETUNE-> meta-llama\/Llama-3.1-8B \(/),
    ]);
    const names = bot.substitutes.map((x: any) => x.model.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain('meta-llama/Llama-3.1-8B-Instruct');
  });

  it('a cloud cut-off also excludes what descends from a model it trained (compute), though impact does not walk below it', async () => {
    // Falcon-7B was trained on AWS (demo training run). Two probes share a task no demo model has: one
    // fine-tuned from Falcon-7B, one from Mistral-7B. A deployment served by AWS needs that task.
    const model = (name: string, base: string) =>
      r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id tasks } }`, {
        i: {
          name,
          access: 'OPEN_WEIGHTS',
          modality: 'text',
          license: 'Apache-2.0',
          tasks: ['cutoff-probe'],
          evidence: EVIDENCE,
          lineage: [{ source: { model: base }, relation: 'FINETUNE' }],
        },
      });
    assertNoErrors(await model('tiiuae/falcon-probe', 'tiiuae/falcon-7b'));
    assertNoErrors(await model('mistralai/mistral-probe', 'mistralai/Mistral-7B-v0.1'));
    assertNoErrors(
      await r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id } }`, {
        i: {
          name: 'probe/dev',
          system: 'Probe',
          ownerTeam: 'probe',
          environment: 'DEVELOPMENT',
          criticality: 'LOW',
          uses: { model: 'openchat/openchat_3.5' },
          inferenceProvider: 'amazon-web-services',
          tasks: ['cutoff-probe'],
        },
      }),
    );
    const s = await scenario({ organization: 'amazon-web-services' }, { ownerTeam: 'probe' });
    expect(s.deployments).toHaveLength(1);
    expect(s.deployments[0].explanation).toMatch(/served by/);
    expect(s.deployments[0].substitutes.map((x: any) => x.model.name)).toEqual(['mistralai/mistral-probe']);
    expect(s.deployments[0].substitutes[0].reasons).toContain('size not compared: the parameter count of openchat/openchat_3.5 is unknown');
  });

  it.each([
    [{ organization: 'deepseek-ai', model: 'deepseek-ai/DeepSeek-R1' }, undefined, 'INVALID_INPUT', 'of'],
    [{}, undefined, 'INVALID_INPUT', 'of'],
    [{ organization: 'no-such-org' }, undefined, 'NOT_FOUND', 'of.organization'],
    [{ country: 'Atlantis' }, undefined, 'INVALID_INPUT', 'of.country'],
    [{ model: 'nobody/nothing' }, undefined, 'NOT_FOUND', 'of.model'],
    [{ organization: 'deepseek-ai' }, { parameterRange: 1 }, 'INVALID_INPUT', 'scope.parameterRange'],
  ])('refuses %p %p with %s naming %s', async (of, scope, code, field) => {
    const res = await r.gql(SCENARIO, { of, scope });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('stores task tags lower-cased and deduplicated', async () => {
    const res = await r.gql(`{ deployment(name: "support-bot/prod") { tasks } model(name: "meta-llama/Llama-3.1-8B-Instruct") { tasks } }`);
    expect(res.data).toEqual({ deployment: { tasks: ['chat'] }, model: { tasks: ['chat'] } });
  });

  it('re-registration compares tasks after normalization: same tasks in another case is the same record, other tasks a CONFLICT', async () => {
    const again = (tasks: string[] | undefined) =>
      r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { name tasks } }`, {
        i: {
          name: 'support-bot/research',
          system: 'Support bot',
          ownerTeam: 'support',
          environment: 'RESEARCH',
          criticality: 'LOW',
          uses: { model: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B' },
          tasks,
        },
      });
    expect((await again([])).errors).toBeUndefined();
    expect((await again(undefined)).errors).toBeUndefined();
    expect((await again(['code'])).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses bad task tags on registration, naming the entry', async () => {
    const res = await r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id } }`, {
      i: { name: 'x/y', system: 'X', ownerTeam: 't', environment: 'TEST', criticality: 'LOW', uses: { model: 'openai/gpt-4' }, tasks: ['chat', 'chat bot'] },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.tasks[1]' });
  });
});
