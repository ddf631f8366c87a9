import { assertNoErrors, RegistryProcess, startRegistry } from '@pedigree/testing';

const EXPOSURE = `query($of: NodeRefInput!, $p: String) {
  exposure(of: $of, perspective: $p) {
    ancestorCount
    subject { name }
    countries { country kinds nearestDepth ancestorCount explanation nearest { name } path { relation derived { name } source { name } evidence { origin documentRef } } }
    vendors { vendor { slug } country kinds unavoidable weightRootVendor }
    weightRoots { name }
    distillationSources { name access channels direct depth explanation teacher { name } }
    licenses { expression kinds holders { name } }
    obligations { kind license text kinds }
    licenseDrift { derived { name } declaredLicense ancestor { name } ancestorLicense reason }
    foreign { perspective countries { country } vendors { vendor { slug } } distillationSources { name } }
  }
}`;

const evidence = `evidence: { origin: PIPELINE_DECLARATION, justification: "declared by the fine-tuning pipeline" }`;

/** Exact answers on the demo catalog of real models. */
describe('exposure on the demo catalog', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
    const res = await r.gql(`mutation {
      registerOrganization(input: { slug: "acme", name: "Acme AI", country: "FR", kind: COMPANY, ${evidence} }) { id }
      ours: registerModel(input: { name: "acme/ours", license: "Apache-2.0", access: OPEN_WEIGHTS, ${evidence},
        lineage: [{ source: { model: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B" }, relation: FINETUNE }] }) { id }
      student: registerModel(input: { name: "acme/gpt4-student", license: "Apache-2.0", access: OPEN_WEIGHTS, ${evidence},
        lineage: [{ source: { model: "mistralai/Mistral-7B-v0.1" }, relation: FINETUNE },
                  { source: { model: "openai/gpt-4" }, relation: DISTILLATION, teacherSnapshot: "gpt-4-0613", usedFrom: "2023-07-01", usedTo: "2023-08-15" },
                  { source: { dataset: "tatsu-lab/alpaca" }, relation: TRAINED_ON }] }) { id }
      zephyrish: registerModel(input: { name: "acme/zephyr-style", license: "MIT", access: OPEN_WEIGHTS, ${evidence},
        lineage: [{ source: { model: "mistralai/Mistral-7B-v0.1" }, relation: FINETUNE },
                  { source: { dataset: "HuggingFaceH4/ultrafeedback_binarized" }, relation: TRAINED_ON }] }) { id }
    }`);
    assertNoErrors(res);
  });
  afterAll(() => r?.stop());

  it('a finetune of DeepSeek-R1-Distill-Llama-8B is exposed to US (Meta, weights) and CN (DeepSeek, weights and distillation)', async () => {
    const res = await r.gql(EXPOSURE, { of: { model: 'acme/ours' }, p: 'FR' });
    expect(res.errors).toBeUndefined();
    const e = res.data.exposure;
    expect(e.ancestorCount).toBe(4);
    expect(e.countries.map((c: any) => [c.country, c.kinds, c.nearestDepth, c.ancestorCount])).toEqual([
      ['CN', ['WEIGHTS', 'DISTILLATION'], 1, 3],
      ['US', ['WEIGHTS'], 2, 1],
    ]);
    expect(e.vendors.map((v: any) => [v.vendor.slug, v.country, v.kinds, v.unavoidable, v.weightRootVendor])).toEqual([
      ['high-flyer', 'CN', ['WEIGHTS', 'DISTILLATION'], true, false],
      ['meta', 'US', ['WEIGHTS'], true, true],
    ]);
    expect(e.weightRoots.map((n: any) => n.name)).toEqual(['meta-llama/Llama-3.1-8B']);
    expect(e.distillationSources.map((d: any) => [d.name, d.channels, d.direct, d.depth])).toEqual([['deepseek-ai/DeepSeek-R1', ['TEACHER'], false, 2]]);
    expect(e.distillationSources[0].explanation).toMatch(
      /^acme\/ours → FINETUNE → deepseek-ai\/DeepSeek-R1-Distill-Llama-8B → DISTILLATION → deepseek-ai\/DeepSeek-R1 \(.*DeepSeek.*, CN\)$/,
    );
    const us = e.countries.find((c: any) => c.country === 'US');
    expect(us.path.map((p: any) => `${p.derived.name} -${p.relation}-> ${p.source.name}`)).toEqual([
      'acme/ours -FINETUNE-> deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
      'deepseek-ai/DeepSeek-R1-Distill-Llama-8B -FINETUNE-> meta-llama/Llama-3.1-8B',
    ]);
    expect(us.path[1].evidence.documentRef).toBe('https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-8B');
    expect(e.foreign.countries.map((c: any) => c.country)).toEqual(['CN', 'US']);
  });

  it('inherits the Llama obligations and flags license drift of the Apache-2.0 and MIT derivatives', async () => {
    const e = (await r.gql(EXPOSURE, { of: { model: 'acme/ours' } })).data.exposure;
    const llama = e.obligations.filter((o: any) => o.license === 'LicenseRef-llama3.1').map((o: any) => [o.kind, o.kinds]);
    expect(llama).toEqual([
      ['ATTRIBUTION', ['WEIGHTS']],
      ['NAMING', ['WEIGHTS']],
      ['USE_RESTRICTION', ['WEIGHTS']],
      ['USER_THRESHOLD', ['WEIGHTS']],
    ]);
    expect(e.licenseDrift.map((d: any) => [d.derived.name, d.declaredLicense, d.ancestor.name, d.reason])).toEqual([
      ['acme/ours', 'Apache-2.0', 'meta-llama/Llama-3.1-8B', 'USE_RESTRICTIONS_DROPPED'],
      ['deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 'MIT', 'meta-llama/Llama-3.1-8B', 'USE_RESTRICTIONS_DROPPED'],
    ]);
    expect(e.foreign).toBeNull();
  });

  it('zephyr-style models trained on GPT-4-generated data show OpenAI as a distillation source', async () => {
    const e = (await r.gql(EXPOSURE, { of: { model: 'acme/zephyr-style' }, p: 'US' })).data.exposure;
    expect(e.distillationSources.map((d: any) => [d.name, d.access, d.channels, d.direct])).toEqual([['openai/gpt-4', 'API_ONLY', ['SYNTHETIC_DATA'], true]]);
    const openai = e.vendors.find((v: any) => v.vendor.slug === 'openai');
    expect(openai).toMatchObject({ kinds: ['DISTILLATION'], unavoidable: false, weightRootVendor: false });
    expect(e.vendors.find((v: any) => v.vendor.slug === 'mistral-ai')).toMatchObject({ kinds: ['WEIGHTS'], unavoidable: true, weightRootVendor: true });
    expect(e.foreign.countries.map((c: any) => c.country)).toEqual(['FR']);
  });

  it('the real zephyr-7b-beta is exposed to OpenAI through its UltraFeedback data', async () => {
    const e = (await r.gql(EXPOSURE, { of: { model: 'HuggingFaceH4/zephyr-7b-beta' } })).data.exposure;
    const teachers = e.distillationSources.map((d: any) => d.name).sort();
    expect(teachers).toEqual(['openai/gpt-3.5-turbo', 'openai/gpt-4']);
  });

  it('Starling-LM-7B-alpha: its reward model and everything above it (Llama 2, Nectar, GPT-4) are AUXILIARY exposure, never on a weight path', async () => {
    const res = await r.gql(`{ exposure(of: { model: "berkeley-nest/Starling-LM-7B-alpha" }) {
      ancestorCount
      countries { country kinds }
      vendors { vendor { slug } kinds unavoidable weightRootVendor }
      weightRoots { name }
      distillationSources { name channels direct explanation }
      auxiliaryModels { name role roles direct depth explanation model { name } path { relation auxiliaryRole evidence { documentRef } } }
    } }`);
    expect(res.errors).toBeUndefined();
    const e = res.data.exposure;
    expect(e.ancestorCount).toBe(6);
    expect(e.auxiliaryModels).toEqual([
      {
        name: 'berkeley-nest/Starling-RM-7B-alpha',
        role: 'REWARD_MODEL',
        roles: ['REWARD_MODEL'],
        direct: true,
        depth: 1,
        explanation: 'berkeley-nest/Starling-LM-7B-alpha → AUXILIARY [REWARD_MODEL] → berkeley-nest/Starling-RM-7B-alpha (Berkeley NEST (UC Berkeley), US)',
        model: { name: 'berkeley-nest/Starling-RM-7B-alpha' },
        path: [
          { relation: 'AUXILIARY', auxiliaryRole: 'REWARD_MODEL', evidence: { documentRef: 'https://huggingface.co/berkeley-nest/Starling-LM-7B-alpha' } },
        ],
      },
    ]);
    const vendors = Object.fromEntries(e.vendors.map((v: any) => [v.vendor.slug, [v.kinds, v.unavoidable, v.weightRootVendor]]));
    expect(vendors).toEqual({
      openchat: [['WEIGHTS'], true, false],
      'berkeley-nest': [['AUXILIARY'], false, false],
      'mistral-ai': [['WEIGHTS'], true, true],
      meta: [['AUXILIARY'], false, false],
      openai: [['AUXILIARY'], false, false],
    });
    expect(Object.fromEntries(e.countries.map((c: any) => [c.country ?? 'unknown', c.kinds]))).toEqual({
      unknown: ['WEIGHTS'],
      US: ['AUXILIARY'],
      FR: ['WEIGHTS'],
    });
    expect(e.weightRoots.map((n: any) => n.name)).toEqual(['mistralai/Mistral-7B-v0.1']);
    // GPT-4 ranked Nectar, which trained the reward model: a teacher of an ancestor, reached through the auxiliary model.
    expect(e.distillationSources.map((d: any) => [d.name, d.channels, d.direct])).toEqual([['openai/gpt-4', ['SYNTHETIC_DATA'], false]]);
    expect(e.distillationSources[0].explanation).toMatch(
      /^berkeley-nest\/Starling-LM-7B-alpha → AUXILIARY \[REWARD_MODEL\] → .* → GENERATED_BY → openai\/gpt-4 \(OpenAI, US\)$/,
    );
  });

  it('a teacher snapshot and period show on the distillation source, its teaching edges and the explanation', async () => {
    const res = await r.gql(`{ exposure(of: { model: "acme/gpt4-student" }) {
      distillationSources { name channels direct teacherSnapshot usedFrom usedTo explanation teachingEdges { relation teacherSnapshot usedFrom usedTo derived { name } } }
    } }`);
    expect(res.errors).toBeUndefined();
    const byName = Object.fromEntries(res.data.exposure.distillationSources.map((d: any) => [d.name, d]));
    expect(byName['openai/gpt-4']).toMatchObject({
      channels: ['TEACHER'],
      direct: true,
      teacherSnapshot: 'gpt-4-0613',
      usedFrom: '2023-07-01',
      usedTo: '2023-08-15',
      explanation: 'acme/gpt4-student → DISTILLATION [snapshot gpt-4-0613; used 2023-07-01 to 2023-08-15] → openai/gpt-4 (OpenAI, US)',
      teachingEdges: [
        { relation: 'DISTILLATION', teacherSnapshot: 'gpt-4-0613', usedFrom: '2023-07-01', usedTo: '2023-08-15', derived: { name: 'acme/gpt4-student' } },
      ],
    });
    // Stanford Alpaca's data names the API model it was generated with, and no period.
    expect(byName['openai/text-davinci-003']).toMatchObject({
      channels: ['SYNTHETIC_DATA'],
      direct: true,
      teacherSnapshot: 'text-davinci-003',
      usedFrom: null,
      usedTo: null,
      explanation: 'acme/gpt4-student → TRAINED_ON → tatsu-lab/alpaca → GENERATED_BY [snapshot text-davinci-003] → openai/text-davinci-003 (OpenAI, US)',
    });
  });

  it('costs the same number of SQL statements for a 1-ancestor and a 4-ancestor subject', async () => {
    const small = await r.gql(EXPOSURE, { of: { model: 'meta-llama/Llama-3.1-8B-Instruct' } });
    const large = await r.gql(EXPOSURE, { of: { model: 'acme/ours' } });
    expect(small.data.exposure.ancestorCount).toBe(1);
    expect(large.sqlQueries).toBeLessThanOrEqual(15);
    expect(large.sqlQueries).toBe(small.sqlQueries);
  });

  it('rejects a bad perspective and an unknown subject with coded errors', async () => {
    const bad = await r.gql(EXPOSURE, { of: { model: 'acme/ours' }, p: 'XX' });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'perspective' });
    const missing = await r.gql(EXPOSURE, { of: { model: 'nobody/nothing' } });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'of.model' });
  });
});
