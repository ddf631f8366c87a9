import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { normalizeLicense } from '@pedigree/licensing';
import { STRICT } from '../import-plan';
import { planEcosystemGraphs } from './ecosystem-graphs.planner';

/**
 * The real export from /work/shared/data, with the figures its README states. Where the README
 * and the planner differ, the test at the end reproduces the README's figure and says why.
 */
const FILE = join(__dirname, '..', '..', 'fixtures', 'ecosystem-graphs.json');
const json: unknown = JSON.parse(readFileSync(FILE, 'utf8'));
// As the README imports it: --allow-unknown-license (free-text licenses) and --deployments.
const LENIENT = { ...STRICT, unknownLicenses: true, deployments: true };
const plan = planEcosystemGraphs(json, 'ecosystem-graphs.json', LENIENT);
const { counts } = plan.report;

// The registry's input rules (catalog, deployment and license services), restated so the plan is checked without Nest.
const ARTIFACT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+$/;
const SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const DEPLOYMENT_NAME = /^[a-z0-9][a-z0-9._/-]{0,199}$/;

describe('planEcosystemGraphs on the real file: the README figures', () => {
  it('reads 639 assets: 429 models, 112 datasets, 98 applications, all counted as imported', () => {
    expect([counts.assets, counts.models, counts.datasets, counts.applications, counts.invalidAssets]).toEqual([639, 429, 112, 98, 0]);
  });

  it('finds the 5 duplicate names and resolves each deterministically', () => {
    expect(counts.duplicateNames).toBe(5);
    expect(plan.report.duplicates.map((d) => [d.name, d.resolution])).toEqual([
      ['ChatGLM', 'kept-apart'],
      ['Imagen 3', 'merged'],
      ['InternLM', 'kept-apart'],
      ['Dragonfly', 'kept-apart'],
      ['GPT-4o', 'merged'],
    ]);
    expect(counts.duplicateRecordsMerged).toBe(2);
    const gpt4o = plan.report.duplicates.find((d) => d.name === 'GPT-4o')!;
    expect(gpt4o.detail).toContain('dependencies "Shutterstock" added from assets/openx.yaml');
    const names = plan.report.registryNames.filter((n) => ['ChatGLM', 'Dragonfly', 'InternLM'].includes(n.asset)).map((n) => n.registryName);
    expect(names).toEqual([
      'chatglm/ChatGLM',
      'team-glm/ChatGLM',
      'internlm/InternLM',
      'openai/Dragonfly',
      'shanghai-ai-laboratory/InternLM',
      'together/Dragonfly',
    ]);
  });

  it('counts 46 comma-joined organization texts, 43 of them real lists', () => {
    expect(counts.commaJoinedOrganizations).toBe(46);
    expect(counts.coPublishedAssets).toBe(43);
    expect(plan.findings).toContainEqual({
      kind: 'co-published',
      subject: 'ChatGLM',
      detail: 'published by "Team GLM"; co-published by "Zhipu AI", "Tsinghua University"',
    });
    expect(plan.findings.filter((f) => f.kind === 'organization-list').map((f) => f.subject)).toEqual(['LLaVA-Critic', 'Continue', 'Gen-3 Alpha']);
  });

  it('counts 240 licenses written "unknown", within 288 texts that state no license', () => {
    expect(plan.report.licenseTexts.find((t) => t.text === 'unknown')).toEqual({ text: 'unknown', kind: 'unknown', value: null, assets: 240 });
    expect([counts.licensesMapped, counts.licensesRef, counts.licensesUnknown]).toEqual([200, 151, 288]);
    expect(counts.licensesMapped + counts.licensesRef + counts.licensesUnknown).toBe(counts.assets);
    expect(counts.customLicenses).toBe(70);
  });

  it('finds 3 cycles: two through the Anthropic RLHF models and their feedback datasets, and VIMA dataset on itself', () => {
    expect(counts.exactCycles).toBe(3);
    expect(counts.cycles).toBe(3);
    expect(plan.report.cycles.map((c) => c.path)).toEqual([
      ['VIMA dataset', 'VIMA dataset'],
      ['Anthropic Helpfulness dataset', 'Anthropic Human Feedback Interface', 'Anthropic RLHF models', 'Anthropic Helpfulness dataset'],
      ['Anthropic Harmlessness dataset', 'Anthropic Human Feedback Interface', 'Anthropic RLHF models', 'Anthropic Harmlessness dataset'],
    ]);
  });

  it('has the 7-edge Tulu 2 chain as a longest chain, in the file and in the registry after import', () => {
    const tulu = [
      'Tulu 2',
      'Tulu-V2-mix',
      'WizardLM',
      'Alpaca dataset',
      'text-davinci-003',
      'text-davinci-002',
      'code-davinci-002',
      'code-davinci-002 dataset',
    ];
    expect(counts.exactLongestChain).toBe(7);
    expect(plan.report.exact.longestChain.paths).toContainEqual(tulu);
    expect(counts.longestChain).toBe(7);
    expect(plan.report.longestChain.paths).toContainEqual(tulu);
    expect(plan.report.longestChain.paths.map((p) => p[0])).toEqual(['Tulu 2', 'Tulu 2 DPO', 'Code Tulu 2', 'JudgeLM']);
  });
});

describe('planEcosystemGraphs on the real file: dependencies', () => {
  it('reads {explanation, value} dependency lists by value: 816 references, 309 (240 distinct) dangling, 507 exact edges, 143 model→model', () => {
    expect([counts.dependencyRefs, counts.danglingRaw, counts.danglingRawDistinct]).toEqual([816, 309, 240]);
    expect([counts.exactEdges, counts.exactModelToModel]).toEqual([507, 143]);
    expect(plan.findings.filter((f) => f.kind === 'dependency-explanation').map((f) => f.subject)).toEqual([
      'The Cauldron',
      'Open X-Embodiment dataset',
      'TigerBot',
    ]);
  });

  it('resolves 14 references by normalization, and leaves 295 (236 names, 230 spellings) dangling, none ambiguous', () => {
    expect(counts.resolvedByNormalization).toBe(14);
    const pairs = [...new Set(plan.report.normalized.map((n) => `${n.text} → ${n.to}`))];
    expect(pairs).toEqual(['FLAN Collection → Flan Collection', 'LLaMA 2 → Llama 2', 'Code Llama → Code LLaMA', 'LLaMa → LLaMA']);
    expect(plan.report.normalized.filter((n) => n.text === 'LLaMA 2')).toHaveLength(11);
    expect([counts.danglingRemaining, counts.danglingRemainingDistinct, counts.danglingRemainingSpellingGroups, counts.ambiguousRefs]).toEqual([
      295, 236, 230, 0,
    ]);
    expect(counts.resolvedExact + counts.resolvedByNormalization + counts.danglingRemaining).toBe(counts.dependencyRefs);
    // README: "CommonCrawl" vs "Common Crawl" are spellings of one name, but the file has no asset of either spelling.
    expect(plan.report.dangling.filter((d) => d.text === 'CommonCrawl' || d.text === 'Common Crawl')).toHaveLength(13);
    expect(plan.findings.filter((f) => f.kind === 'dangling-dependency')).toHaveLength(295);
  });

  it('settles "Dragonfly API" → "Dragonfly" by the shared publisher, OpenAI', () => {
    expect(counts.resolvedByPublisher).toBe(1);
    expect(plan.ops.find((o) => o.label === 'deployment Dragonfly API → Dragonfly [openai]')?.input.uses).toEqual({ model: 'openai/Dragonfly' });
  });

  it('plans 379 edges (155 model→model, all FINETUNE), 65 deployments, and reports the 76 dependencies neither can express', () => {
    expect([counts.resolvedEdges, counts.resolvedModelToModel]).toEqual([521, 155]);
    expect([counts.edgesPlanned, counts.edgesModelToModel, counts.edgesFinetune, counts.edgesDistillation]).toEqual([379, 155, 155, 0]);
    expect([counts.edgesTrainedOn, counts.edgesGeneratedBy, counts.edgesDerivedFrom]).toEqual([177, 19, 28]);
    expect(counts.deployments).toBe(65);
    expect(plan.findings.filter((f) => f.kind === 'dependency-not-represented')).toHaveLength(76);
    // Every resolved dependency is an edge, a deployment, a refused self-edge or a finding.
    expect(counts.edgesPlanned + counts.deployments + 1 + 76).toBe(counts.resolvedEdges);
  });

  it('rejects only the VIMA self-dependency: the Anthropic loops run through an application, so the registry holds no loop', () => {
    expect(counts.edgesRejected).toBe(1);
    expect(plan.report.rejectedEdges).toEqual([
      {
        derived: 'VIMA dataset',
        source: 'VIMA dataset',
        derivedName: 'nvidia/VIMA-dataset',
        sourceName: 'nvidia/VIMA-dataset',
        relation: 'DERIVED_FROM',
        path: ['VIMA dataset', 'VIMA dataset'],
        emitted: false,
      },
    ]);
    expect(plan.ops.some((o) => o.edge?.derived === 'nvidia/VIMA-dataset' && o.edge.source === 'nvidia/VIMA-dataset')).toBe(false);
    expect(plan.report.cycles.map((c) => c.outcome)).toEqual(['rejected', 'not-in-registry', 'not-in-registry']);
    expect(plan.report.cycles[1].detail).toContain('runs through application "Anthropic Human Feedback Interface"');
  });
});

describe('planEcosystemGraphs on the real file: the plan', () => {
  it('orders ops: organizations, models and datasets, edges, deployments; registers no license', () => {
    const order = ['registerOrganization', 'registerModel|registerDataset', 'assertLineage', 'registerDeployment'];
    const phases = plan.ops.map((o) => order.findIndex((p) => p.split('|').includes(o.mutation)));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(plan.ops).toHaveLength(counts.organizations + 427 + 112 + counts.edgesPlanned + counts.deployments);
  });

  it('by default keeps the LicenseRef- names for the registry to check, and registers no deployment', () => {
    const strict = planEcosystemGraphs(JSON.parse(readFileSync(FILE, 'utf8')), 'ecosystem-graphs.json');
    expect(strict.ops.filter((o) => o.mutation === 'registerDeployment')).toEqual([]);
    expect(strict.findings).toContainEqual(expect.objectContaining({ kind: 'deployments-not-imported', detail: expect.stringContaining('65 applications') }));
    expect(strict.ops.some((o) => String(o.input.license ?? '').includes('LicenseRef-'))).toBe(true);
  });

  it('registers applications as deployments of unknown environment, tagged as imported', () => {
    for (const d of plan.ops.filter((o) => o.mutation === 'registerDeployment'))
      expect(d.input).toMatchObject({ environment: 'UNKNOWN', tags: ['imported:ecosystem-graphs'] });
  });

  it('writes only inputs the registry accepts, and refers only to what the plan registers first', () => {
    const ops = plan.ops.map((op, at) => ({ at, mutation: op.mutation, edge: op.edge, input: op.input as Record<string, any> }));
    const of = (...mutations: string[]) => ops.filter((o) => mutations.includes(o.mutation));
    expect(new Set(ops.map((o) => o.mutation))).toEqual(
      new Set(['registerOrganization', 'registerModel', 'registerDataset', 'assertLineage', 'registerDeployment']),
    );
    for (const { input } of ops) {
      const evidence = input.evidence as Record<string, unknown>;
      expect(evidence.origin).toBe('THIRD_PARTY_REPORT');
      expect(evidence.documentRef === null || /^https?:\/\//.test(evidence.documentRef as string)).toBe(true);
      expect((evidence.justification as string).length).toBeGreaterThan(0);
    }
    // Where each organization and node is first registered: a reference must point to an earlier op.
    const orgAt = new Map(
      of('registerOrganization')
        .map((o) => [o.input.slug as string, o.at] as const)
        .reverse(),
    );
    const nodeAt = new Map(
      of('registerModel', 'registerDataset')
        .map((o) => [`${o.mutation === 'registerModel' ? 'model' : 'dataset'}:${o.input.name}`, o.at] as const)
        .reverse(),
    );
    const registeredBefore = (at: Map<string, number>, key: string, op: number) => (at.get(key) ?? Infinity) < op;
    for (const { input } of of('registerOrganization')) expect(input.slug).toMatch(SLUG);
    for (const { at, input } of of('registerModel', 'registerDataset')) {
      expect(input.name).toMatch(ARTIFACT_NAME);
      expect(registeredBefore(orgAt, input.publisher, at)).toBe(true);
    }
    for (const { input } of of('registerModel', 'registerDataset').filter((o) => o.input.releaseDate)) expect(input.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The plan registers no custom licenses, so no artifact may refer to one.
    const customRefs = of('registerModel', 'registerDataset').flatMap(({ input }) =>
      input.license ? normalizeLicense(input.license, 'license')!.customRefs : [],
    );
    expect(customRefs).toEqual([]);
    const key = (ref: Record<string, string>) => Object.entries(ref).map(([k, v]) => `${k}:${v}`)[0];
    for (const { at, input, edge } of of('assertLineage')) {
      expect(registeredBefore(nodeAt, key(input.derived), at)).toBe(true);
      expect(registeredBefore(nodeAt, key(input.source), at)).toBe(true);
      expect(edge).toEqual({ derived: Object.values(input.derived)[0], source: Object.values(input.source)[0], relation: input.relation });
    }
    for (const { at, input } of of('registerDeployment')) {
      expect(input.name).toMatch(DEPLOYMENT_NAME);
      expect(registeredBefore(nodeAt, `model:${input.uses.model}`, at)).toBe(true);
      expect([input.environment, input.criticality, input.tags]).toEqual(['UNKNOWN', 'MEDIUM', ['imported:ecosystem-graphs']]);
    }
    expect(new Set(plan.ops.map((o) => `${o.mutation}:${o.input.key ?? o.input.name ?? o.input.slug ?? o.label}`)).size).toBe(plan.ops.length);
  });

  it('gives guessed relations confidence 0.5, kind-determined ones 0.8, and says the relation was inferred', () => {
    const edge = plan.ops.find((o) => o.label === 'edge Tulu 2 -[FINETUNE]-> Llama 2')!;
    expect(edge.edge).toEqual({ derived: 'ai2/Tulu-2', source: 'meta/Llama-2', relation: 'FINETUNE' });
    const evidence = edge.input.evidence as Record<string, unknown>;
    expect(evidence.confidence).toBe(0.5);
    expect(evidence.justification).toContain('dependencies are untyped');
    expect(evidence.justification).toContain('the file writes "LLaMA 2"');
    const confidence = (label: string) => (plan.ops.find((o) => o.label === label)!.input.evidence as Record<string, unknown>).confidence;
    // LAION-5B was filtered with CLIP, not generated by it: GENERATED_BY is a guess too.
    expect(confidence('edge LAION-5B -[GENERATED_BY]-> CLIP')).toBe(0.5);
    expect(confidence('edge Tulu 2 -[TRAINED_ON]-> Tulu-V2-mix')).toBe(0.8);
  });

  it('flattens counts and findings by kind for the CLI', () => {
    expect(plan.counts.assets).toBe(639);
    expect(plan.counts['findings.duplicate-name']).toBe(5);
    expect(plan.counts['findings.international-nationality']).toBe(26);
    expect(Object.values(plan.report.findingsByKind).reduce((a, b) => a + b, 0)).toBe(plan.findings.length);
  });

  it('is deterministic: two runs give identical plans', () => {
    const again = planEcosystemGraphs(JSON.parse(readFileSync(FILE, 'utf8')), 'ecosystem-graphs.json', LENIENT);
    expect(JSON.stringify(again)).toEqual(JSON.stringify(plan));
  });
});

/**
 * The README's 311 / 238 / 505 / 141 come from reading `dependencies` as a plain list even where the
 * file writes `{explanation, value}` (The Cauldron, Open X-Embodiment dataset, TigerBot): the keys
 * "explanation" and "value" then count as 6 dangling names (2 distinct), while the 4 real names in
 * The Cauldron's value stay uncounted and TigerBot's 2 model→model edges (Llama 2, BLOOM) are lost.
 */
describe('the README figures, reproduced', () => {
  it('come from iterating the {explanation, value} objects as if they were name lists', () => {
    const assets = (json as { assets: { name: string; type: string; dependencies: unknown }[] }).assets;
    const types = new Map(assets.map((a) => [a.name, a.type]));
    const refs = assets.flatMap((a) => {
      const d = a.dependencies;
      const names = Array.isArray(d) ? d : d && typeof d === 'object' ? Object.keys(d) : [];
      return names.map((n) => ({ from: a, to: String(n) }));
    });
    const dangling = refs.filter((r) => !types.has(r.to));
    const resolvable = refs.filter((r) => types.has(r.to));
    expect([refs.length, dangling.length, new Set(dangling.map((r) => r.to)).size]).toEqual([816, 311, 238]);
    expect(resolvable).toHaveLength(505);
    expect(resolvable.filter((r) => r.from.type === 'model' && types.get(r.to) === 'model')).toHaveLength(141);
    expect(new Set(assets.map((a) => a.name)).size).toBe(634);
    expect(dangling.filter((r) => r.to === 'explanation' || r.to === 'value')).toHaveLength(6);
  });
});
