import { ImportOp, ImportOptions, ImportPlan, STRICT } from '../import-plan';
import { ModelCardInput, planModelCards } from './card-plan';
import { parseModelCard } from './model-card.parser';

const LORA = `---
base_model: meta-llama/Llama-3.1-8B-Instruct
base_model_relation: adapter
library_name: peft
license: llama3.1
datasets:
- HuggingFaceH4/ultrachat_200k
pipeline_tag: text-generation
---
# acme/llama-3.1-8b-legal-lora
`;

/** A fine-tune of the adapter above; it comes first in the list to exercise the ordering. */
const LORA_CHILD = `---
base_model: acme/llama-3.1-8b-legal-lora
license: llama3.1
---
`;

const MERGE = `---
base_model:
- mistralai/Mistral-7B-v0.1
- HuggingFaceH4/zephyr-7b-beta
- mistralai/Mistral-7B-v0.1
library_name: transformers
tags: [mergekit, merge]
license: apache-2.0
---
`;

/** Shaped like a GGUF re-upload: quantized, under the Qwen license by license_name. */
const GGUF = `---
base_model: Qwen/Qwen2.5-72B-Instruct
base_model_relation: quantized
license: other
license_name: qwen
license_link: LICENSE
pipeline_tag: text-generation
quantized_by: bartowski
---
`;

const card = (name: string, text: string, source = `cards/${name}/README.md`): ModelCardInput => ({
  name,
  facts: parseModelCard(text, `${name}/README.md`),
  source,
});

const ops = (plan: ImportPlan, mutation: ImportOp['mutation']) => plan.ops.filter((op) => op.mutation === mutation);
const edge = (plan: ImportPlan, derived: string) => ops(plan, 'assertLineage').filter((op) => op.edge!.derived === derived);
const names = (list: ImportOp[]) => list.map((op) => op.input.key ?? op.input.slug ?? op.input.name);

const CARDS = [
  card('acme/llama-legal-v2', LORA_CHILD),
  card('acme/llama-3.1-8b-legal-lora', LORA),
  card('acme/zephyr-merge', MERGE),
  card('bartowski/Qwen2.5-72B-Instruct-GGUF', GGUF, 'https://huggingface.co/bartowski/Qwen2.5-72B-Instruct-GGUF'),
];
const PLACEHOLDERS: ImportOptions = { ...STRICT, placeholders: true };

describe('planModelCards with --allow-placeholders', () => {
  const plan = planModelCards(CARDS, 'cards/', PLACEHOLDERS);

  it('orders organizations, datasets, models, then edges', () => {
    const kinds = plan.ops.map((op) => op.mutation);
    const firstOf = (m: ImportOp['mutation']) => kinds.indexOf(m);
    const lastOf = (m: ImportOp['mutation']) => kinds.lastIndexOf(m);
    expect(lastOf('registerOrganization')).toBeLessThan(firstOf('registerDataset'));
    expect(lastOf('registerDataset')).toBeLessThan(firstOf('registerModel'));
    expect(lastOf('registerModel')).toBeLessThan(firstOf('assertLineage'));
  });

  it('registers parents before children, whatever the card order', () => {
    const models = names(ops(plan, 'registerModel'));
    const before = (a: string, b: string) => expect(models.indexOf(a)).toBeLessThan(models.indexOf(b));
    before('meta-llama/Llama-3.1-8B-Instruct', 'acme/llama-3.1-8b-legal-lora');
    before('acme/llama-3.1-8b-legal-lora', 'acme/llama-legal-v2');
    const edges = ops(plan, 'assertLineage').map((op) => op.edge!.derived);
    expect(edges.indexOf('acme/llama-3.1-8b-legal-lora')).toBeLessThan(edges.indexOf('acme/llama-legal-v2'));
  });

  it('registers carded models without lineage, with license, modality and card evidence', () => {
    const lora = ops(plan, 'registerModel').find((op) => op.input.name === 'acme/llama-3.1-8b-legal-lora')!;
    expect(lora.onlyIfAbsent).toBeUndefined();
    expect(lora.input).toMatchObject({
      access: 'OPEN_WEIGHTS',
      license: 'LicenseRef-llama3.1',
      modality: 'text',
      evidence: { origin: 'MODEL_CARD', documentRef: null },
    });
    expect(lora.input).not.toHaveProperty('lineage');
    expect((lora.input.evidence as { justification: string }).justification).toContain('acme/llama-3.1-8b-legal-lora/README.md');
    expect((lora.input.licenseEvidence as { justification: string }).justification).toBe(
      'license: llama3.1 in acme/llama-3.1-8b-legal-lora/README.md, read as LicenseRef-llama3.1',
    );
  });

  it('plans placeholders for parents that have no card, marked as such, only if absent', () => {
    const placeholders = ops(plan, 'registerModel').filter((op) => op.onlyIfAbsent);
    expect(names(placeholders)).toEqual([
      'meta-llama/Llama-3.1-8B-Instruct',
      'mistralai/Mistral-7B-v0.1',
      'HuggingFaceH4/zephyr-7b-beta',
      'Qwen/Qwen2.5-72B-Instruct',
    ]);
    expect(placeholders[0]).toMatchObject({
      input: {
        access: 'OPEN_WEIGHTS',
        placeholder: true,
        evidence: { justification: expect.stringContaining('known only as a base_model of acme/llama-3.1-8b-legal-lora') },
      },
      onlyIfAbsent: { query: 'model', name: 'meta-llama/Llama-3.1-8B-Instruct' },
    });
    expect(placeholders[0].input).not.toHaveProperty('license');
  });

  it('plans one COMMUNITY organization per namespace, slugged, only if absent', () => {
    const orgs = ops(plan, 'registerOrganization');
    expect(names(orgs).sort()).toEqual(['acme', 'bartowski', 'huggingfaceh4', 'meta-llama', 'mistralai', 'qwen']);
    const h4 = orgs.find((op) => op.input.slug === 'huggingfaceh4')!;
    expect(h4).toMatchObject({ input: { name: 'HuggingFaceH4', kind: 'COMMUNITY' }, onlyIfAbsent: { query: 'organization', name: 'huggingfaceh4' } });
    expect(h4.input).not.toHaveProperty('country');
  });

  it('records a declared relation with confidence 0.9', () => {
    const [adapter, trained] = edge(plan, 'acme/llama-3.1-8b-legal-lora');
    expect(adapter.input).toMatchObject({
      derived: { model: 'acme/llama-3.1-8b-legal-lora' },
      source: { model: 'meta-llama/Llama-3.1-8B-Instruct' },
      relation: 'ADAPTER',
    });
    expect(adapter.input.evidence).toMatchObject({
      origin: 'MODEL_CARD',
      confidence: 0.9,
      justification: expect.stringContaining('declared base_model_relation: adapter'),
    });
    expect(trained.input).toMatchObject({ source: { dataset: 'HuggingFaceH4/ultrachat_200k' }, relation: 'TRAINED_ON' });
    const [quantized] = edge(plan, 'bartowski/Qwen2.5-72B-Instruct-GGUF');
    expect(quantized.edge).toEqual({ derived: 'bartowski/Qwen2.5-72B-Instruct-GGUF', source: 'Qwen/Qwen2.5-72B-Instruct', relation: 'QUANTIZATION' });
  });

  it('records an inferred fine-tune as inferred, with confidence 0.7', () => {
    const [finetune] = edge(plan, 'acme/llama-legal-v2');
    expect(finetune.edge!.relation).toBe('FINETUNE');
    expect(finetune.input.evidence).toMatchObject({ confidence: 0.7 });
    expect((finetune.input.evidence as { justification: string }).justification).toContain(
      'base_model_relation absent in acme/llama-legal-v2/README.md; inferred finetune from a single base_model',
    );
  });

  it('infers a merge from several parents, with one edge per distinct parent and the repeat noted', () => {
    const merges = edge(plan, 'acme/zephyr-merge');
    expect(merges.map((op) => [op.edge!.source, op.edge!.relation])).toEqual([
      ['mistralai/Mistral-7B-v0.1', 'MERGE'],
      ['HuggingFaceH4/zephyr-7b-beta', 'MERGE'],
    ]);
    const [base] = merges.map((op) => (op.input.evidence as { justification: string }).justification);
    expect(base).toContain('inferred merge from 2 distinct base_model entries');
    expect(base).toContain('base_model lists mistralai/Mistral-7B-v0.1 2 times (one edge per distinct parent)');
  });

  it('never registers a license: a LicenseRef- names what the registry must already hold', () => {
    expect(ops(plan, 'registerLicense')).toEqual([]);
    expect(ops(plan, 'registerModel').find((op) => op.input.name === 'bartowski/Qwen2.5-72B-Instruct-GGUF')!.input.license).toBe('LicenseRef-qwen');
  });

  it('puts only http(s) URLs in documentRef and names files in the justification', () => {
    // A card read from disk has no document URL; one fetched from the Hub does; a license cites its text.
    const refs = new Set(plan.ops.map((op) => (op.input.evidence as { documentRef: string | null }).documentRef));
    expect(refs).toEqual(new Set([null, 'https://huggingface.co/bartowski/Qwen2.5-72B-Instruct-GGUF']));
  });

  it('counts what it planned', () => {
    expect(plan.counts).toEqual({
      models: 4,
      placeholders: 4,
      organizations: 6,
      licenses: 0,
      datasets: 1,
      edges: 6,
      edgesInferred: 3,
      'edges.FINETUNE': 1,
      'edges.ADAPTER': 1,
      'edges.MERGE': 2,
      'edges.QUANTIZATION': 1,
      'edges.TRAINED_ON': 1,
    });
    expect(plan.findings).toEqual([]);
  });
});

describe('planModelCards, strict (the default)', () => {
  const plan = planModelCards(CARDS, 'cards/');

  it('plans no placeholder: edges name the parents and datasets as the card does, for the registry to resolve or refuse', () => {
    expect(ops(plan, 'registerModel').filter((op) => op.input.placeholder)).toEqual([]);
    expect(ops(plan, 'registerDataset')).toEqual([]);
    expect(edge(plan, 'acme/llama-3.1-8b-legal-lora').map((op) => op.edge!.source)).toEqual([
      'meta-llama/Llama-3.1-8B-Instruct',
      'HuggingFaceH4/ultrachat_200k',
    ]);
    expect(plan.counts).toMatchObject({ models: 4, placeholders: 0, datasets: 0 });
  });

  it('with --allow-unknown-license, records a LicenseRef- the registry does not hold as unknown, and keeps one it holds', () => {
    const lenient = planModelCards(CARDS, 'cards/', { ...STRICT, unknownLicenses: true, knownLicenseRefs: new Set(['LicenseRef-llama3.1']) });
    const license = (name: string) => ops(lenient, 'registerModel').find((op) => op.input.name === name)!.input.license;
    expect(license('acme/llama-3.1-8b-legal-lora')).toBe('LicenseRef-llama3.1');
    expect(license('bartowski/Qwen2.5-72B-Instruct-GGUF')).toBeUndefined();
    expect(lenient.findings).toEqual([
      expect.objectContaining({
        kind: 'license-unknown',
        subject: 'bartowski/Qwen2.5-72B-Instruct-GGUF',
        detail: expect.stringContaining('recorded as unknown'),
      }),
    ]);
  });
});

describe('planModelCards on dirty cards', () => {
  it('infers an adapter from a single parent and library_name: peft', () => {
    const plan = planModelCards([card('acme/lora', '---\nbase_model: a/b\nlibrary_name: peft\n---\n')], 'x');
    expect(edge(plan, 'acme/lora')[0].input.evidence).toMatchObject({
      confidence: 0.7,
      justification: expect.stringContaining('inferred adapter from a single base_model and library_name: peft'),
    });
  });

  it('reports references that cannot name a model, and reduces Hub URLs to ids', () => {
    const plan = planModelCards([card('acme/x', '---\nbase_model:\n- gpt2\n- https://huggingface.co/openai-community/gpt2-large\n- acme/x\n---\n')], 'x');
    expect(edge(plan, 'acme/x').map((op) => op.edge!.source)).toEqual(['openai-community/gpt2-large']);
    expect(plan.findings.map((f) => f.detail)).toEqual([
      'base_model names the model itself; no edge',
      'base_model "gpt2" is not a Hugging Face id of the form namespace/name; no edge',
      '"https://huggingface.co/openai-community/gpt2-large" read as the Hub id openai-community/gpt2-large',
    ]);
  });

  it('matches parents to cards case-insensitively, using the registered spelling', () => {
    const plan = planModelCards(
      [card('acme/child', '---\nbase_model: ACME/Parent\n---\n'), card('acme/parent', '---\nlicense: mit\n---\n')],
      'x',
      PLACEHOLDERS,
    );
    expect(plan.counts.placeholders).toBe(0);
    expect(edge(plan, 'acme/child')[0].edge!.source).toBe('acme/parent');
  });

  it('leaves a cycle in card order for the server to reject, and reports it', () => {
    const plan = planModelCards([card('acme/a', '---\nbase_model: acme/b\n---\n'), card('acme/b', '---\nbase_model: acme/a\n---\n')], 'x');
    expect(names(ops(plan, 'registerModel'))).toEqual(['acme/a', 'acme/b']);
    expect(ops(plan, 'assertLineage').map((op) => op.label)).toEqual(['edge acme/a -[FINETUNE]-> acme/b', 'edge acme/b -[FINETUNE]-> acme/a']);
    expect(plan.findings).toEqual([expect.objectContaining({ kind: 'cycle', detail: expect.stringContaining('acme/a, acme/b') })]);
  });

  it('reports unknown and unmapped licenses, and a second card for the same model', () => {
    const plan = planModelCards(
      [
        card('acme/x', '---\nlicense: other\npipeline_tag: reinforcement-learning\n---\n'),
        card('acme/y', '---\nlicense: My License v2\n---\n'),
        card('ACME/x', '---\nlicense: mit\n---\n'),
      ],
      'x',
    );
    expect(plan.findings.map((f) => [f.kind, f.subject])).toEqual([
      ['duplicate-card', 'ACME/x'],
      ['license-unknown', 'acme/x'],
      ['modality-unmapped', 'acme/x'],
      ['license-mapped', 'acme/y'],
    ]);
    expect(ops(plan, 'registerLicense')).toEqual([]);
    expect(ops(plan, 'registerModel').find((op) => op.input.name === 'acme/y')!.input.license).toBe('LicenseRef-My-License-v2');
  });

  it('rejects a card whose own name is not a Hub id', () => {
    expect(() => planModelCards([card('not-a-hub-id', '---\nlicense: mit\n---\n')], 'x')).toThrow('cards[0].name');
  });
});
