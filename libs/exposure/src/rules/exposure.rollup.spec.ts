import { LicenseTerms } from '@pedigree/licensing';
import { NodeKind } from '@pedigree/core';
import { DistillationChannel } from './distillation-sources';
import { ExposureKind } from './exposure-kind';
import { foreignTo, rollUpExposure } from './exposure.rollup';
import { buildGraph, pathText } from './graph-builder';
import { DriftReason } from './license-rollup';

const { DISTILLATION } = ExposureKind;
const terms = new Map<string, LicenseTerms>([
  [
    'LicenseRef-other-aup',
    {
      key: 'LicenseRef-other-aup',
      commercialUse: true,
      nonCommercial: false,
      attributionRequired: false,
      attributionText: null,
      namingRequirement: null,
      useRestrictions: ['Some other AUP'],
      forbidsCompetingModels: false,
      userThreshold: null,
    },
  ],
  [
    'LicenseRef-llama3.1',
    {
      key: 'LicenseRef-llama3.1',
      commercialUse: true,
      nonCommercial: false,
      attributionRequired: true,
      attributionText: 'Built with Llama',
      namingRequirement: 'Llama prefix',
      useRestrictions: ['AUP'],
      forbidsCompetingModels: false,
      userThreshold: 700_000_000,
    },
  ],
]);

const summary = (root: string, nodes: Parameters<typeof buildGraph>[1], edges: string[]) => {
  const r = rollUpExposure(buildGraph(root, nodes, edges), terms);
  return {
    countries: Object.fromEntries(r.countries.map((c) => [c.country ?? 'unknown', [c.kinds.join('+'), c.nearestDepth, c.ancestorCount]])),
    vendors: Object.fromEntries(r.vendors.map((v) => [v.vendor.slug, [v.kinds.join('+'), v.unavoidable, v.weightRootVendor]])),
    weightRoots: r.weightRootIds.sort(),
    report: r,
  };
};

describe('exposure rollup rules', () => {
  it('finetune of DeepSeek-R1-Distill-Llama-8B: US through weights, CN through weights and distillation', () => {
    const s = summary(
      'ours',
      {
        ours: { vendor: 'acme', country: 'FR', license: 'Apache-2.0' },
        distill: { vendor: 'deepseek', country: 'CN', license: 'MIT' },
        llama: { vendor: 'meta', country: 'US', license: 'LicenseRef-llama3.1' },
        r1: { vendor: 'deepseek', country: 'CN', license: 'MIT' },
        v3: { vendor: 'deepseek', country: 'CN', license: 'MIT' },
      },
      ['ours > distill : FINETUNE', 'distill > llama : FINETUNE', 'distill > r1 : DISTILLATION', 'r1 > v3 : FINETUNE'],
    );
    expect(s.countries).toEqual({ CN: ['WEIGHTS+DISTILLATION', 1, 3], US: ['WEIGHTS', 2, 1] });
    expect(s.vendors).toEqual({ deepseek: ['WEIGHTS+DISTILLATION', true, false], meta: ['WEIGHTS', true, true] });
    expect(s.weightRoots).toEqual(['llama']);
    const cn = s.report.countries.find((c) => c.country === 'CN')!;
    expect(pathText(cn.path)).toBe('ours -FINETUNE-> distill');
    const teacher = s.report.distillationSources;
    expect(teacher.map((t) => [t.nodeId, t.channels, t.direct, pathText(t.path)])).toEqual([
      ['r1', [DistillationChannel.TEACHER], false, 'ours -FINETUNE-> distill | distill -DISTILLATION-> r1'],
    ]);
    expect(s.report.drift.map((d) => [d.derivedId, d.ancestorId, d.reason])).toEqual([
      ['ours', 'llama', DriftReason.USE_RESTRICTIONS_DROPPED],
      ['distill', 'llama', DriftReason.USE_RESTRICTIONS_DROPPED],
    ]);
  });

  it('merge of two vendors: neither is unavoidable, both are weight-root vendors', () => {
    const s = summary('merged', { merged: { vendor: 'acme', country: 'FR' }, a: { vendor: 'mistral', country: 'FR' }, b: { vendor: 'meta', country: 'US' } }, [
      'merged > a : MERGE',
      'merged > b : MERGE',
    ]);
    expect(s.vendors).toEqual({ mistral: ['WEIGHTS', false, true], meta: ['WEIGHTS', false, true] });
    expect(s.weightRoots).toEqual(['a', 'b']);
  });

  it('merge listing the same parent twice still counts it once', () => {
    const s = summary('m', { m: { vendor: 'x' }, p: { vendor: 'meta', country: 'US' } }, ['m > p : MERGE', 'm > p : MERGE']);
    expect(s.countries).toEqual({ US: ['WEIGHTS', 1, 1] });
    expect(s.vendors.meta).toEqual(['WEIGHTS', true, true]);
  });

  it('diamond: two routes to one base make the base unavoidable but not the intermediates', () => {
    const s = summary(
      'top',
      { top: { vendor: 'acme' }, left: { vendor: 'lab-a', country: 'DE' }, right: { vendor: 'lab-b', country: 'GB' }, base: { vendor: 'meta', country: 'US' } },
      ['top > left : MERGE', 'top > right : MERGE', 'left > base : FINETUNE', 'right > base : FINETUNE'],
    );
    expect(s.vendors).toEqual({ 'lab-a': ['WEIGHTS', false, false], 'lab-b': ['WEIGHTS', false, false], meta: ['WEIGHTS', true, true] });
    expect(s.countries.US).toEqual(['WEIGHTS', 2, 1]);
  });

  it('adapter on a quantized model: weights all the way down, the quantizer is unavoidable', () => {
    const s = summary(
      'lora',
      { lora: { vendor: 'acme', country: 'FR' }, gguf: { vendor: 'thebloke', country: null }, base: { vendor: 'mistral', country: 'FR' } },
      ['lora > gguf : ADAPTER', 'gguf > base : QUANTIZATION'],
    );
    expect(s.countries).toEqual({ unknown: ['WEIGHTS', 1, 1], FR: ['WEIGHTS', 2, 1] });
    expect(s.vendors).toEqual({ thebloke: ['WEIGHTS', true, false], mistral: ['WEIGHTS', true, true] });
  });

  it('dataset generated by an API model: the API vendor is a distillation source through synthetic data, never unavoidable', () => {
    const s = summary(
      'zephyr',
      {
        zephyr: { vendor: 'hf', country: 'US', license: 'MIT' },
        mistral: { vendor: 'mistral', country: 'FR', license: 'Apache-2.0' },
        ultrafeedback: { vendor: 'hf', country: 'US', kind: NodeKind.DATASET, license: 'MIT' },
        gpt4: { vendor: 'openai', country: 'US', access: 'API_ONLY' },
      },
      ['zephyr > mistral : FINETUNE', 'zephyr > ultrafeedback : TRAINED_ON', 'ultrafeedback > gpt4 : GENERATED_BY'],
    );
    expect(s.vendors).toEqual({ mistral: ['WEIGHTS', true, true], hf: ['TRAINING_DATA', false, false], openai: ['DISTILLATION', false, false] });
    expect(s.countries).toEqual({ FR: ['WEIGHTS', 1, 1], US: ['DISTILLATION+TRAINING_DATA', 1, 2] });
    expect(s.report.distillationSources.map((d) => [d.nodeId, d.channels, d.direct, d.depth])).toEqual([
      ['gpt4', [DistillationChannel.SYNTHETIC_DATA], true, 2],
    ]);
  });

  it('checkpoint subject: its own model is itself, its base is the dependency', () => {
    const s = summary(
      'ckpt',
      {
        ckpt: { kind: NodeKind.CHECKPOINT },
        ours: { vendor: 'acme', country: 'FR' },
        base: { vendor: 'meta', country: 'US' },
        data: { vendor: 'ai2', country: 'US', kind: NodeKind.DATASET },
      },
      ['ckpt > ours : CHECKPOINT_OF', 'ours > base : FINETUNE', 'ckpt > data : TRAINED_ON'],
    );
    expect(s.countries).toEqual({ US: ['WEIGHTS+TRAINING_DATA', 1, 2] });
    expect(s.vendors).toEqual({ ai2: ['TRAINING_DATA', false, false], meta: ['WEIGHTS', true, true] });
  });

  it('model trained from scratch: it is its own weight root and no vendor is unavoidable', () => {
    const s = summary('base', { base: { vendor: 'meta', country: 'US' }, web: { vendor: 'cc', country: 'US', kind: NodeKind.DATASET } }, [
      'base > web : TRAINED_ON',
    ]);
    expect(s.weightRoots).toEqual(['base']);
    expect(s.vendors).toEqual({ cc: ['TRAINING_DATA', false, false] });
  });

  it.each([
    ['CC-BY-NC-4.0', 'Apache-2.0', [DriftReason.NON_COMMERCIAL_DROPPED]],
    ['CC-BY-NC-4.0', 'CC-BY-NC-4.0', []],
    ['CC-BY-SA-4.0', 'MIT', [DriftReason.SHARE_ALIKE_DROPPED]],
    ['CC-BY-NC-ND-4.0', 'CC-BY-NC-4.0', [DriftReason.DERIVATIVES_FORBIDDEN]],
    ['CC-BY-ND-4.0', 'CC-BY-ND-4.0', [DriftReason.DERIVATIVES_FORBIDDEN]],
    ['LicenseRef-llama3.1', 'LicenseRef-llama3.1', []],
    ['LicenseRef-llama3.1', 'LicenseRef-other-aup', [DriftReason.USE_RESTRICTIONS_DROPPED]],
    ['Apache-2.0', 'MIT', []],
    [null, 'MIT', []],
  ])('license drift: base %s, derived %s → %j', (baseLicense, derivedLicense, reasons) => {
    const s = summary('d', { d: { vendor: 'x', license: derivedLicense }, b: { vendor: 'y', license: baseLicense } }, ['d > b : FINETUNE']);
    expect(s.report.drift.map((d) => d.reason)).toEqual(reasons);
  });

  it('license drift is not inherited through distillation or data', () => {
    const s = summary('d', { d: { license: 'MIT' }, t: { license: 'CC-BY-NC-4.0' } }, ['d > t : DISTILLATION']);
    expect(s.report.drift).toEqual([]);
    expect(s.report.obligations.find((o) => o.kind === 'NON_COMMERCIAL')?.kinds).toEqual([DISTILLATION]);
  });

  it('foreign exposure keeps what is not the perspective country, and unknowns', () => {
    const graph = buildGraph(
      'm',
      { m: { vendor: 'acme', country: 'FR' }, a: { vendor: 'mistral', country: 'FR' }, b: { vendor: 'meta', country: 'US' }, c: { vendor: 'anon' } },
      ['m > a : MERGE', 'm > b : MERGE', 'm > c : MERGE'],
    );
    const report = rollUpExposure(graph, terms);
    const foreign = foreignTo(report, 'FR', (id) => graph.nodes.get(id)?.country ?? null);
    expect(foreign.countries.map((c) => c.country)).toEqual(expect.arrayContaining(['US', null]));
    expect(foreign.countries.map((c) => c.country)).not.toContain('FR');
    expect(foreign.vendors.map((v) => v.vendor.slug).sort()).toEqual(['anon', 'meta']);
  });

  it('a checkpoint ancestor speaks for its model, and the subject is never its own ancestor on cyclic data', () => {
    const s = summary('m', { m: { vendor: 'acme', country: 'FR' }, b: { vendor: 'meta', country: 'US' } }, ['m > b : FINETUNE', 'b > m : FINETUNE']);
    expect(s.report.ancestorCount).toBe(1);
    expect(s.countries).toEqual({ US: ['WEIGHTS', 1, 1] });
    expect(Object.keys(s.vendors)).toEqual(['meta']);
  });

  it('a teacher path always goes through the teaching edge', () => {
    const s = summary('m', { m: { vendor: 'a' }, b: { vendor: 'b', country: 'US' }, s: { vendor: 'a' }, d: { vendor: 'a', kind: NodeKind.DATASET } }, [
      'm > b : FINETUNE',
      'm > s : FINETUNE',
      's > d : TRAINED_ON',
      'd > b : GENERATED_BY',
    ]);
    expect(s.report.distillationSources.map((t) => [t.nodeId, t.depth, pathText(t.path)])).toEqual([
      ['b', 3, 'm -FINETUNE-> s | s -TRAINED_ON-> d | d -GENERATED_BY-> b'],
    ]);
  });

  it('a distillation-only subject trained from scratch does not credit its teacher with weight roots', () => {
    const s = summary('s', { s: { vendor: 'same' }, t: { vendor: 'same' } }, ['s > t : DISTILLATION']);
    expect(s.vendors.same).toEqual(['DISTILLATION', false, false]);
  });
});
