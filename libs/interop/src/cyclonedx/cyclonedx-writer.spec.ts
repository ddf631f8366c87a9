import { CdxComponent, CycloneDxBom } from './cyclonedx-bom';
import { validateCycloneDx } from './cyclonedx-validator';
import { MAX_ANCESTOR_COPIES, toCycloneDx } from './cyclonedx-writer';
import { distilledLlamaDocument, edge, gpt4o, legalQa, lineageDocument, mergeDocument, model, ORGS } from './lineage-document.fixture';

const propsOf = (c: CdxComponent) => Object.fromEntries((c.properties ?? []).map((p) => [p.name, p.value]));
const allValues = (c: CdxComponent, name: string) => (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);

/** Every object in the BOM that carries a bom-ref, at any depth. */
function bomRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => bomRefs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'bom-ref') out.push(v as string);
      else bomRefs(v, out);
    }
  }
  return out;
}

describe('toCycloneDx', () => {
  it('describes a distilled Llama: supplier, country, licenses, hashes and a typed ancestor tree', async () => {
    const bom = toCycloneDx(distilledLlamaDocument(), { toolVersion: '0.1.0' });
    const subject = bom.metadata.component;
    expect(subject).toMatchObject({
      type: 'machine-learning-model',
      'bom-ref': 'model:deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
      name: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
      supplier: { name: 'DeepSeek', address: { country: 'CN' } },
      licenses: [{ expression: 'MIT AND LicenseRef-llama3.1' }],
    });
    expect(subject.hashes).toEqual([{ alg: 'SHA-256', content: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const [r1, llama] = subject.pedigree!.ancestors!;
    expect(llama).toMatchObject({
      name: 'meta-llama/Llama-3.1-8B',
      supplier: { name: 'Meta Platforms, Inc.', address: { country: 'US' } },
      licenses: [{ expression: 'LicenseRef-llama3.1' }],
    });
    expect(llama.hashes).toHaveLength(2);
    expect(propsOf(llama)).toMatchObject({ 'pedigree:relation': 'FINETUNE', 'pedigree:copyOf': 'model:meta-llama/Llama-3.1-8B', 'pedigree:country': 'US' });
    expect(r1).toMatchObject({ name: 'deepseek-ai/DeepSeek-R1', supplier: { address: { country: 'CN' } }, licenses: [{ expression: 'MIT' }] });
    expect(propsOf(r1)['pedigree:relation']).toBe('DISTILLATION');
    expect(bom.metadata.tools.components[0]).toEqual({ type: 'application', 'bom-ref': 'tool:pedigree', name: 'pedigree', version: '0.1.0' });
    expect(propsOf(bom.metadata as unknown as CdxComponent)).toMatchObject({
      'pedigree:organization:deepseek:parent': 'high-flyer',
      'pedigree:organization:high-flyer:country': 'CN',
      'pedigree:license:LicenseRef-llama3.1:userThreshold': '700000000',
    });
    const result = await validateCycloneDx(bom);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('writes a three-parent merge with a diamond: nodes once, copies without bom-refs, every edge a dependency', async () => {
    const doc = mergeDocument();
    const bom = toCycloneDx(doc);
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });

    const refs = bomRefs(bom);
    expect(new Set(refs).size).toBe(refs.length);
    const parties = ['tool:pedigree', 'collector:ci/acme-merge'];
    const citations = doc.edges.map((_, n) => `citation:edge:${n}`);
    expect([...refs].sort()).toEqual([...doc.nodes.map((n) => n.ref), ...parties, ...citations].sort());
    expect(bom.components.map((c) => c['bom-ref'])).toEqual(doc.nodes.slice(1).map((n) => n.ref));

    const parents = bom.metadata.component.pedigree!.ancestors!;
    expect(parents.map((p) => [p.name, propsOf(p)['pedigree:relation'], propsOf(p)['pedigree:mergeWeight']])).toEqual([
      ['NousResearch/Hermes-3-Llama-3.1-8B', 'MERGE', '0.3'],
      ['acme/llama-3.1-8b-legal', 'MERGE', '0.5'],
      ['deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 'MERGE', '0.2'],
    ]);
    // The diamond: Llama 3.1 8B appears as a full copy under both Hermes and the R1 distill.
    const llamaCopies = parents.flatMap((p) => p.pedigree?.ancestors ?? []).filter((a) => a.name === 'meta-llama/Llama-3.1-8B');
    expect(llamaCopies).toHaveLength(2);
    expect(llamaCopies[0]).toEqual(llamaCopies[1]);
    // Down to the roots, through a dataset: merge <- legal fine-tune <- synthetic QA <- GPT-4o.
    const legal = parents[1];
    const qa = legal.pedigree!.ancestors!.find((a) => a.type === 'data')!;
    expect(propsOf(qa)['pedigree:relation']).toBe('TRAINED_ON');
    expect(qa.pedigree!.ancestors!.map((a) => [a.name, propsOf(a)['pedigree:relation']])).toEqual([['openai/gpt-4o', 'GENERATED_BY']]);

    const legalFlat = bom.components.find((c) => c.name === 'acme/llama-3.1-8b-legal')!;
    expect(legalFlat.modelCard).toEqual({ modelParameters: { datasets: [{ ref: 'dataset:acme/legal-synthetic-qa' }] } });
    const pairs = bom.dependencies.flatMap((d) => (d.dependsOn ?? []).map((s) => `${d.ref} > ${s}`));
    expect(pairs.sort()).toEqual([...new Set(doc.edges.map((e) => `${e.derived} > ${e.source}`))].sort());
    expect(bom.dependencies.map((d) => d.ref)).toEqual(doc.nodes.map((n) => n.ref));
  });

  it('records each edge once, on the derived component, numbered by its place in the document', () => {
    const doc = mergeDocument();
    const bom = toCycloneDx(doc);
    const r1 = bom.components.find((c) => c.name === 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B')!;
    const n = doc.edges.findIndex((e) => e.derived === r1['bom-ref'] && e.relation === 'DISTILLATION');
    expect(propsOf(r1)).toMatchObject({
      [`pedigree:edge:${n}:source`]: 'model:deepseek-ai/DeepSeek-R1',
      [`pedigree:edge:${n}:relation`]: 'DISTILLATION',
      [`pedigree:edge:${n}:evidence:origin`]: 'MODEL_CARD',
      [`pedigree:edge:${n}:evidence:confidence`]: '0.95',
      [`pedigree:edge:${n}:evidence:documentRef`]: 'https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
    });
    const all = [bom.metadata.component, ...bom.components].flatMap((c) => (c.properties ?? []).filter((p) => /^pedigree:edge:\d+:relation$/.test(p.name)));
    expect(all).toHaveLength(doc.edges.length);
  });

  it('writes a dataset subject as type "data" with its generator as ancestor', async () => {
    const doc = lineageDocument(legalQa, [gpt4o], [edge(legalQa, gpt4o, 'GENERATED_BY')], [ORGS.acme, ORGS.openai]);
    const bom = toCycloneDx(doc);
    expect(bom.metadata.component.type).toBe('data');
    expect(bom.metadata.component.pedigree!.ancestors![0]).toMatchObject({ type: 'machine-learning-model', name: 'openai/gpt-4o' });
    expect((await validateCycloneDx(bom)).valid).toBe(true);
  });

  it('is deterministic: same document, same bytes and serial number; a timestamp only when given', () => {
    const a = JSON.stringify(toCycloneDx(mergeDocument()));
    const b = JSON.stringify(toCycloneDx(mergeDocument()));
    expect(a).toBe(b);
    const bom = JSON.parse(a) as CycloneDxBom;
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bom.metadata.timestamp).toBeUndefined();
    expect(toCycloneDx(distilledLlamaDocument()).serialNumber).not.toBe(bom.serialNumber);
    expect(toCycloneDx(mergeDocument(), { timestamp: '2025-03-01T00:00:00Z' }).metadata.timestamp).toBe('2025-03-01T00:00:00Z');
  });

  it('stops copying ancestors past the budget when diamonds multiply paths', () => {
    // 16 stacked diamonds: 2^16 root-to-leaf paths.
    const layers = Array.from({ length: 17 }, (_, i) => [model(`x/m${i}a`), model(`x/m${i}b`)]);
    const edges = layers.slice(1).flatMap(([a, b], i) => [layers[i][0], layers[i][1]].flatMap((s) => [edge(a, s, 'MERGE'), edge(b, s, 'MERGE')]));
    const top = model('x/top');
    const doc = lineageDocument(top, layers.flat(), [...edges, edge(top, layers[16][0], 'MERGE'), edge(top, layers[16][1], 'MERGE')], []);
    const bom = toCycloneDx(doc);
    let copies = 0;
    let truncated = 0;
    const walk = (c: CdxComponent) =>
      (c.pedigree?.ancestors ?? []).forEach((a) => {
        copies++;
        if (allValues(a, 'pedigree:ancestorsTruncated').length) truncated++;
        walk(a);
      });
    walk(bom.metadata.component);
    expect(copies).toBeLessThanOrEqual(MAX_ANCESTOR_COPIES);
    expect(truncated).toBeGreaterThan(0);
    expect(bom.components).toHaveLength(34);
  });

  it('rejects a document whose edge points outside it, naming the field', () => {
    const doc = distilledLlamaDocument();
    doc.edges[0] = { ...doc.edges[0], source: 'model:nowhere/missing' };
    expect(() => toCycloneDx(doc)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'edges[0].source' }));
  });
});

describe('validateCycloneDx', () => {
  it('fails a broken BOM and says where', async () => {
    const bom = JSON.parse(JSON.stringify(toCycloneDx(distilledLlamaDocument()))) as Record<string, any>;
    bom.metadata.component.type = 'llm';
    const result = await validateCycloneDx(bom);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('/metadata/component/type');

    const strict = JSON.parse(JSON.stringify(toCycloneDx(distilledLlamaDocument()))) as Record<string, any>;
    strict.components[0].lineageNotes = 'not a CycloneDX field';
    expect(await validateCycloneDx(strict)).toEqual({ valid: false, errors: [expect.stringMatching(/^\/components\/0 .*\(lineageNotes\)$/)] });
  });
});
