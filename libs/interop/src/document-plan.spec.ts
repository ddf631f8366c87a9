import { fromCycloneDx, toCycloneDx } from './cyclonedx';
import {
  auxiliaryDocument,
  checkpointNode,
  digestOf,
  distilledLlamaDocument,
  edge,
  evidence,
  hermes,
  legalQa,
  lineageDocument,
  llama31,
  mergeDocument,
  model,
  ORGS,
  r1DistillLlama,
} from './cyclonedx/lineage-document.fixture';
import { IMPORT_COLLECTOR, planFromLineageDocument } from './document-plan';
import { ImportPlan } from './import-plan';

const SOURCE = 'exports/legal-merge-8b.cdx.json';
const kinds = (plan: ImportPlan) => plan.ops.map((o) => o.mutation);
const opFor = (plan: ImportPlan, label: string) => plan.ops.find((o) => o.label === label)!;

describe('planFromLineageDocument', () => {
  it('passes teacher snapshot, period and auxiliary role to assertLineage, and nothing for edges that state none', () => {
    const plan = planFromLineageDocument(auxiliaryDocument(), SOURCE);
    const edgeOp = (relation: string) => plan.ops.find((o) => o.mutation === 'assertLineage' && o.input.relation === relation)!.input;
    expect(edgeOp('GENERATED_BY')).toMatchObject({ teacherSnapshot: 'gpt-4o-2024-05-13', usedFrom: '2024-06-01', usedTo: '2024-06-30' });
    expect(edgeOp('AUXILIARY')).toMatchObject({ auxiliaryRole: 'REWARD_MODEL', source: { model: 'acme/legal-reward-8b' } });
    expect(Object.keys(edgeOp('FINETUNE')).sort()).toEqual(['derived', 'evidence', 'relation', 'source']);
  });

  it('registers in dependency order: organizations, licenses, catalog, checkpoints, then edges', () => {
    const plan = planFromLineageDocument(mergeDocument(), SOURCE);
    const order = ['registerOrganization', 'registerLicense', 'registerModel|registerDataset', 'registerCheckpoint', 'assertLineage'];
    const phase = (m: string) => order.findIndex((p) => p.split('|').includes(m));
    const phases = kinds(plan).map(phase);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(plan.counts).toEqual({ organizations: 6, licenses: 1, models: 7, datasets: 1, checkpoints: 4, edges: 9 });
    // The one thing the registry cannot hold: a model description.
    expect(plan.findings).toEqual([{ kind: 'not-representable', subject: llama31.name, detail: expect.stringContaining('description') }]);
    expect(plan.source).toBe(SOURCE);
  });

  it('registers a parent organization before its children, even when listed after them', () => {
    const plan = planFromLineageDocument(distilledLlamaDocument(), SOURCE);
    expect(plan.ops.filter((o) => o.mutation === 'registerOrganization').map((o) => o.input.slug)).toEqual(['high-flyer', 'deepseek', 'meta']);
    expect(opFor(plan, 'organization "deepseek"')).toEqual({
      mutation: 'registerOrganization',
      input: {
        slug: 'deepseek',
        name: 'DeepSeek',
        kind: 'COMPANY',
        country: 'CN',
        parent: 'high-flyer',
        evidence: expect.objectContaining({ origin: 'THIRD_PARTY_REPORT' }),
      },
      label: 'organization "deepseek"',
      onlyIfAbsent: { query: 'organization', name: 'deepseek' },
    });
  });

  it('writes catalog inputs without lineage, with evidence naming the source file (not as documentRef)', () => {
    const plan = planFromLineageDocument(mergeDocument(), SOURCE);
    const imported = {
      origin: 'THIRD_PARTY_REPORT',
      justification: `Imported from lineage document ${SOURCE}.`,
      documentRef: null,
      collector: IMPORT_COLLECTOR,
    };
    expect(opFor(plan, `model "${r1DistillLlama.name}"`)).toEqual({
      mutation: 'registerModel',
      input: {
        name: r1DistillLlama.name,
        access: 'OPEN_WEIGHTS',
        publisher: 'deepseek',
        license: 'MIT AND LicenseRef-llama3.1',
        modality: 'text',
        parameterCount: 8_030_261_248,
        releaseDate: '2025-01-20',
        evidence: imported,
      },
      label: `model "${r1DistillLlama.name}"`,
      onlyIfAbsent: { query: 'model', name: r1DistillLlama.name },
    });
    expect(opFor(plan, `dataset "${legalQa.name}"`).input).toEqual({
      name: legalQa.name,
      publisher: 'acme',
      license: 'CC-BY-4.0',
      description: 'Synthetic French legal Q&A.',
      evidence: imported,
    });
    expect(opFor(plan, 'license "LicenseRef-llama3.1"').input).toEqual({
      key: 'LicenseRef-llama3.1',
      name: 'Llama 3.1 Community License Agreement',
      url: 'https://www.llama.com/llama3_1/license/',
      commercialUse: true,
      nonCommercial: false,
      attributionRequired: true,
      userThreshold: 700_000_000,
      useRestrictions: ['Llama 3.1 Acceptable Use Policy', 'Derivative model names must start with "Llama"'],
      evidence: imported,
    });
    const checkpoint = plan.ops.find((o) => o.mutation === 'registerCheckpoint' && o.input.digest === llama31.checkpoints[1].digest)!;
    expect(checkpoint.input).toEqual({
      digest: llama31.checkpoints[1].digest,
      format: 'PYTORCH',
      model: { model: llama31.name },
      registeredBy: 'pedigree import',
      evidence: imported,
    });
    for (const op of plan.ops) expect(op.input).not.toHaveProperty('lineage');
  });

  it('asserts one edge per document edge, with node refs by kind, merge weight and the edge evidence', () => {
    const doc = mergeDocument();
    const plan = planFromLineageDocument(doc, 'https://registry.example.com/exports/legal-merge-8b');
    const edges = plan.ops.filter((o) => o.mutation === 'assertLineage');
    expect(edges).toHaveLength(doc.edges.length);
    expect(opFor(plan, 'edge acme/legal-merge-8b -[MERGE]-> NousResearch/Hermes-3-Llama-3.1-8B')).toMatchObject({
      input: {
        derived: { model: 'acme/legal-merge-8b' },
        source: { model: hermes.name },
        relation: 'MERGE',
        mergeWeight: 0.3,
        evidence: {
          origin: 'PIPELINE_DECLARATION',
          justification: 'Declared by the acme merge pipeline (mergekit config).',
          documentRef: null,
          confidence: 1,
          collector: 'ci/acme-merge',
        },
      },
      edge: { derived: 'acme/legal-merge-8b', source: hermes.name, relation: 'MERGE' },
    });
    const fromCheckpoint = edges.find((o) => o.input.relation === 'FINETUNE' && (o.input.derived as { model: string }).model === 'acme/llama-3.1-8b-legal')!;
    expect(fromCheckpoint.input.source).toEqual({ checkpoint: llama31.checkpoints[0].digest });
    expect(edges.find((o) => o.input.relation === 'GENERATED_BY')!.input).toMatchObject({
      derived: { dataset: legalQa.name },
      source: { model: 'openai/gpt-4o' },
    });
    expect(edges.find((o) => o.input.relation === 'TRAINED_ON')!.input).not.toHaveProperty('mergeWeight');
  });

  it('keeps a non-URL documentRef in the justification, since the registry only accepts http(s) URLs', () => {
    const a = model('x/a');
    const b = model('x/b');
    const doc = lineageDocument(a, [b], [edge(a, b, 'FINETUNE', { evidence: evidence({ justification: 'Model card.', documentRef: 'cards/a.md' }) })], []);
    const plan = planFromLineageDocument(doc, SOURCE);
    expect(plan.ops[2].input.evidence).toMatchObject({ justification: 'Model card. (document: cards/a.md)', documentRef: null });
    expect(plan.findings).toEqual([expect.objectContaining({ kind: 'document-ref-moved' })]);
  });

  it('adds a country override only where the country differs from the publisher ownership chain', () => {
    const sovereign = model('deepseek-ai/eu-mirror', { publisher: 'deepseek', country: 'FR' });
    const doc = lineageDocument(sovereign, [], [], [ORGS.deepseek, ORGS['high-flyer']]);
    const input = planFromLineageDocument(doc, SOURCE).ops.find((o) => o.mutation === 'registerModel')!.input;
    expect(input.countryOverride).toMatchObject({ country: 'FR', evidence: { justification: `Country of origin FR as recorded in ${SOURCE}.` } });
    const same = planFromLineageDocument(distilledLlamaDocument(), SOURCE);
    expect(same.ops.filter((o) => o.input.countryOverride)).toEqual([]);
  });

  it('reports what it assumed for a foreign BOM: access, and checkpoints with no model', () => {
    const orphan = checkpointNode(digestOf('mystery.gguf'));
    const derived = model('x/quantized', { access: null });
    const doc = lineageDocument(derived, [orphan], [edge(derived, orphan, 'QUANTIZATION')], []);
    const plan = planFromLineageDocument(doc, SOURCE);
    expect(plan.findings.map((f) => f.kind).sort()).toEqual(['access-assumed', 'checkpoint-without-model']);
    expect(plan.ops.find((o) => o.mutation === 'registerModel')!.input.access).toBe('OPEN_WEIGHTS');
  });

  it('plans a CycloneDX round trip identically to the original document', () => {
    const doc = mergeDocument();
    const viaBom = fromCycloneDx(JSON.parse(JSON.stringify(toCycloneDx(doc))), SOURCE);
    expect(planFromLineageDocument(viaBom, SOURCE)).toEqual(planFromLineageDocument(doc, SOURCE));
  });

  it('rejects an ownership loop, naming the field', () => {
    const loop = [{ ...ORGS.deepseek }, { ...ORGS['high-flyer'], parent: 'deepseek' }];
    const doc = lineageDocument(r1DistillLlama, [], [], loop);
    expect(() => planFromLineageDocument(doc, SOURCE)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'organizations[0].parent' }));
  });
});
