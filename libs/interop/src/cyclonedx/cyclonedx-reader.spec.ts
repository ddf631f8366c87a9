import { DomainError } from '@pedigree/core';
import { LineageDocument } from '../lineage-document';
import { fromCycloneDx } from './cyclonedx-reader';
import { validateCycloneDx } from './cyclonedx-validator';
import { toCycloneDx } from './cyclonedx-writer';
import { auxiliaryDocument, distilledLlamaDocument, edge, evidence, gpt4o, legalQa, lineageDocument, mergeDocument, ORGS } from './lineage-document.fixture';

const HEX = 'ab'.repeat(32);

/** A CycloneDX ML-BOM as another tool would write it: no pedigree:* properties, untyped links. */
function foreignBom(): Record<string, any> {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      component: {
        type: 'machine-learning-model',
        'bom-ref': 'pkg:huggingface/acme/bert-legal-fr',
        group: 'acme',
        name: 'bert-legal-fr',
        supplier: { name: 'Acme Legal AI', address: { country: 'France' } },
        licenses: [{ license: { id: 'Apache-2.0' } }],
        hashes: [
          { alg: 'SHA-256', content: HEX.toUpperCase() },
          { alg: 'MD5', content: '0'.repeat(32) },
        ],
        pedigree: {
          ancestors: [
            {
              type: 'machine-learning-model',
              group: 'google-bert',
              name: 'bert-base-uncased',
              supplier: { name: 'Google', address: { country: 'US' } },
              licenses: [{ expression: 'Apache-2.0' }],
            },
          ],
        },
        modelCard: { modelParameters: { datasets: [{ ref: 'ds-cases' }] } },
      },
    },
    components: [
      { type: 'data', 'bom-ref': 'ds-cases', name: 'legal-cases-fr', supplier: { name: 'Acme Legal AI' } },
      { type: 'data', 'bom-ref': 'ds-synthetic', name: 'synthetic-qa', description: 'Generated questions.' },
      { type: 'machine-learning-model', 'bom-ref': 'gpt', group: 'openai', name: 'gpt-4o', supplier: { name: 'OpenAI', address: { country: 'US' } } },
      { type: 'library', 'bom-ref': 'pkg:pypi/torch@2.3.0', name: 'torch', version: '2.3.0' },
    ],
    dependencies: [
      { ref: 'pkg:huggingface/acme/bert-legal-fr', dependsOn: ['ds-synthetic', 'pkg:pypi/torch@2.3.0'] },
      { ref: 'ds-synthetic', dependsOn: ['gpt', 'ds-cases'] },
      { ref: 'gpt', dependsOn: [] },
    ],
  };
}

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INVALID_INPUT');
    return (e as DomainError).field;
  }
  throw new Error('expected an error');
}

describe('fromCycloneDx on BOMs Pedigree wrote', () => {
  const datasetSubject = lineageDocument(legalQa, [gpt4o], [edge(legalQa, gpt4o, 'GENERATED_BY')], [ORGS.acme, ORGS.openai]);
  const profiled = {
    ...legalQa,
    sourceKind: 'CRAWLED',
    sizeRange: 'TEXT_UNDER_1B_TOKENS',
    topDomains: ['legifrance.gouv.fr', 'courdecassation.fr'],
    profileEvidence: evidence({ justification: 'Dataset card: crawled from French legal sites', documentRef: 'https://example.org/legal-qa' }),
  };
  const profiledSubject = lineageDocument(profiled, [gpt4o], [edge(profiled, gpt4o, 'GENERATED_BY')], [ORGS.acme, ORGS.openai]);

  it.each<[string, LineageDocument]>([
    ['a distilled Llama', distilledLlamaDocument()],
    ['a three-parent merge with a diamond', mergeDocument()],
    ['a dataset subject', datasetSubject],
    ['a dataset with its EU summary facts (source kind, size range, ordered top domains, their evidence)', profiledSubject],
    ['a reward-model-tuned policy with a teacher snapshot and period', auxiliaryDocument()],
  ])('round-trips %s losslessly: doc -> BOM -> doc -> BOM', (_, doc) => {
    const first = JSON.stringify(toCycloneDx(doc, { toolVersion: '0.1.0' }));
    const back = fromCycloneDx(JSON.parse(first), 'pedigree-export.cdx.json');
    expect(back).toEqual(doc);
    expect(JSON.stringify(toCycloneDx(back, { toolVersion: '0.1.0' }))).toBe(first);
  });

  it('writes teacher snapshot, period and auxiliary role as edge properties and on the ancestor copies', async () => {
    const bom = toCycloneDx(auxiliaryDocument()) as Record<string, any>;
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });
    const props = (c: Record<string, any>) =>
      Object.fromEntries((c.properties as { name: string; value: string }[]).map((p) => [p.name.replace(/^pedigree:edge:\d+:/, 'edge:'), p.value]));
    const qa = bom.components.find((c: Record<string, any>) => c.name === 'acme/legal-synthetic-qa');
    expect(props(qa)).toMatchObject({
      'edge:relation': 'GENERATED_BY',
      'edge:teacherSnapshot': 'gpt-4o-2024-05-13',
      'edge:usedFrom': '2024-06-01',
      'edge:usedTo': '2024-06-30',
    });
    expect(props(bom.metadata.component)).toMatchObject({ 'edge:auxiliaryRole': 'REWARD_MODEL' });
    const rmCopy = bom.metadata.component.pedigree.ancestors.find((a: Record<string, any>) => a.name === 'acme/legal-reward-8b');
    expect(props(rmCopy)).toMatchObject({ 'pedigree:relation': 'AUXILIARY', 'pedigree:auxiliaryRole': 'REWARD_MODEL' });
    // A reward model is not training data.
    expect(bom.metadata.component.modelCard?.modelParameters?.datasets ?? []).toEqual([]);
  });

  it('refuses an unknown dataset source kind or size range, naming the property', () => {
    for (const [name, value] of [
      [/^pedigree:sourceKind$/, 'SCRAPED'],
      [/^pedigree:sizeRange$/, 'HUGE'],
    ] as const) {
      const bom = JSON.parse(JSON.stringify(toCycloneDx(profiledSubject))) as Record<string, any>;
      const at = setProp(bom.metadata.component, name, value);
      expect(fieldOf(() => fromCycloneDx(bom, 'x.json'))).toBe(`metadata.component.properties[${at}].value`);
    }
  });

  it('refuses an unknown auxiliary role, naming the property', () => {
    const bom = JSON.parse(JSON.stringify(toCycloneDx(auxiliaryDocument()))) as Record<string, any>;
    const at = setProp(bom.metadata.component, /:auxiliaryRole$/, 'TEACHER');
    expect(fieldOf(() => fromCycloneDx(bom, 'x.json'))).toBe(`metadata.component.properties[${at}].value`);
  });

  it('ignores presentation (nested copies, dependencies): the properties are the record', () => {
    const bom = JSON.parse(JSON.stringify(toCycloneDx(mergeDocument()))) as Record<string, any>;
    delete bom.metadata.component.pedigree;
    bom.dependencies = [];
    expect(fromCycloneDx(bom, 'x.json')).toEqual(mergeDocument());
  });

  it.each<[string, (bom: Record<string, any>) => void, string]>([
    ['an unknown relation', (b) => setProp(b.components[1], /:relation$/, 'FORKED'), 'components[1].properties[%].value'],
    ['a dangling edge source', (b) => setProp(b.components[1], /:source$/, 'model:nobody/nothing'), 'components[1].properties[%].value'],
    [
      'a parameter count that is not a number',
      (b) => setProp(b.metadata.component, /^pedigree:parameterCount$/, 'lots'),
      'metadata.component.properties[%].value',
    ],
    ['a confidence out of range', (b) => setProp(b.components[1], /:evidence:confidence$/, '1.5'), 'components[1].properties[%].value'],
    ['a duplicate bom-ref', (b) => (b.components[1]['bom-ref'] = b.components[0]['bom-ref']), 'components[1].bom-ref'],
    ['a missing kind', (b) => (b.components[1].properties = []), 'components[1].properties'],
    ['an unknown vocabulary version', (b) => (b.metadata.properties[0].value = 'lineage-document/9'), 'metadata.properties[0].value'],
  ])('rejects %s, naming the path', (_, breakIt, expected) => {
    const bom = JSON.parse(JSON.stringify(toCycloneDx(mergeDocument()))) as Record<string, any>;
    expect(bom.components[1].name).toBe('acme/legal-synthetic-qa');
    const at = breakIt(bom);
    expect(fieldOf(() => fromCycloneDx(bom, 'x.json'))).toBe(expected.replace('%', String(at)));
  });
});

/** Sets the first property whose name matches and returns its index. */
function setProp(component: Record<string, any>, name: RegExp, value: string): number {
  const i = (component.properties as { name: string }[]).findIndex((p) => name.test(p.name));
  if (i < 0) throw new Error(`no property ${name}`);
  component.properties[i].value = value;
  return i;
}

describe('fromCycloneDx on foreign ML-BOMs', () => {
  const source = 'https://example.com/boms/bert-legal-fr.cdx.json';

  it('infers relations from component types and says so in the evidence', () => {
    const doc = fromCycloneDx(foreignBom(), source);
    expect(doc.subject).toBe('model:acme/bert-legal-fr');
    expect(doc.nodes.map((n) => n.ref)).toEqual([
      'model:acme/bert-legal-fr',
      'dataset:legal-cases-fr',
      'dataset:synthetic-qa',
      'model:google-bert/bert-base-uncased',
      'model:openai/gpt-4o',
    ]);
    expect(doc.edges.map((e) => `${e.derived} -[${e.relation}]-> ${e.source}`)).toEqual([
      'dataset:synthetic-qa -[DERIVED_FROM]-> dataset:legal-cases-fr',
      'dataset:synthetic-qa -[GENERATED_BY]-> model:openai/gpt-4o',
      'model:acme/bert-legal-fr -[TRAINED_ON]-> dataset:legal-cases-fr',
      'model:acme/bert-legal-fr -[TRAINED_ON]-> dataset:synthetic-qa',
      'model:acme/bert-legal-fr -[FINETUNE]-> model:google-bert/bert-base-uncased',
    ]);
    for (const e of doc.edges) {
      expect(e.evidence).toMatchObject({ origin: 'THIRD_PARTY_REPORT', documentRef: source, confidence: 0.5, collector: 'pedigree cyclonedx import' });
      expect(e.evidence.justification).toContain(source);
      expect(e.evidence.justification).toContain('CycloneDX does not type this relation');
    }
    expect(doc.edges.find((e) => e.relation === 'FINETUNE')!.evidence.justification).toContain('pedigree.ancestors');
  });

  it('does not add an inferred FINETUNE next to a stated relation when `dependencies` links the same pair', () => {
    const bom = foreignBom();
    bom.metadata.component.pedigree.ancestors.push({
      type: 'machine-learning-model',
      'bom-ref': 'judge',
      group: 'acme',
      name: 'legal-judge',
      properties: [
        { name: 'pedigree:relation', value: 'AUXILIARY' },
        { name: 'pedigree:auxiliaryRole', value: 'JUDGE' },
      ],
    });
    bom.dependencies[0].dependsOn.push('judge');
    const doc = fromCycloneDx(bom, source);
    expect(doc.edges.filter((e) => e.source === 'model:acme/legal-judge').map((e) => e.relation)).toEqual(['AUXILIARY']);
  });

  it('honours a relation, teacher snapshot, period and auxiliary role that an ancestor entry states in pedigree: properties', () => {
    const bom = foreignBom();
    const stated = (props: Record<string, string>) => Object.entries(props).map(([name, value]) => ({ name, value }));
    bom.metadata.component.pedigree.ancestors.push(
      {
        type: 'machine-learning-model',
        group: 'openai',
        name: 'gpt-4',
        properties: stated({
          'pedigree:relation': 'DISTILLATION',
          'pedigree:teacherSnapshot': 'gpt-4-0613',
          'pedigree:usedFrom': '2023-07-01',
          'pedigree:usedTo': '2023-08-15',
        }),
      },
      {
        type: 'machine-learning-model',
        group: 'acme',
        name: 'legal-judge',
        properties: stated({ 'pedigree:relation': 'AUXILIARY', 'pedigree:auxiliaryRole': 'JUDGE' }),
      },
    );
    const doc = fromCycloneDx(bom, source);
    const from = (name: string) => doc.edges.find((e) => e.source === `model:${name}`)!;
    expect(from('openai/gpt-4')).toMatchObject({ relation: 'DISTILLATION', teacherSnapshot: 'gpt-4-0613', usedFrom: '2023-07-01', usedTo: '2023-08-15' });
    expect(from('openai/gpt-4').evidence).toMatchObject({ confidence: 0.8, justification: expect.stringContaining('states pedigree:relation DISTILLATION') });
    expect(from('acme/legal-judge')).toMatchObject({ relation: 'AUXILIARY', auxiliaryRole: 'JUDGE' });
    expect(from('google-bert/bert-base-uncased')).not.toHaveProperty('teacherSnapshot');
    bom.metadata.component.pedigree.ancestors[2].properties[0].value = 'TAUGHT';
    expect(fieldOf(() => fromCycloneDx(bom, source))).toBe('metadata.component.pedigree.ancestors[2].properties[0].value');
  });

  it('maps suppliers to organizations with ISO countries, licenses to expressions, SHA-256 hashes to checkpoints', () => {
    const doc = fromCycloneDx(foreignBom(), 'bert.cdx.json');
    expect(doc.organizations).toEqual([
      { slug: 'acme-legal-ai', name: 'Acme Legal AI', country: 'FR', kind: 'COMPANY', parent: null },
      { slug: 'google', name: 'Google', country: 'US', kind: 'COMPANY', parent: null },
      { slug: 'openai', name: 'OpenAI', country: 'US', kind: 'COMPANY', parent: null },
    ]);
    expect(doc.nodes[0]).toMatchObject({
      publisher: 'acme-legal-ai',
      country: 'FR',
      license: 'Apache-2.0',
      checkpoints: [{ digest: `sha256:${HEX}`, format: 'OTHER', sizeBytes: null }],
    });
    expect(doc.nodes.find((n) => n.name === 'synthetic-qa')).toMatchObject({ publisher: null, description: 'Generated questions.' });
    expect(doc.edges[0].evidence.documentRef).toBeNull();
  });

  it('re-exports an imported foreign BOM as a valid Pedigree BOM that keeps the inferred evidence', async () => {
    const doc = fromCycloneDx(foreignBom(), source);
    // A foreign BOM says nothing of when its claims were observed: a 1.7 citation takes the BOM's timestamp, or the write refuses.
    expect(() => toCycloneDx(doc)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'edges[0].evidence.observedAt' }));
    const bom = toCycloneDx(doc, { timestamp: '2025-03-01T00:00:00Z' });
    expect(bom.citations![0].timestamp).toBe('2025-03-01T00:00:00.000Z');
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });
    expect(fromCycloneDx(JSON.parse(JSON.stringify(bom)), 'other-name.json')).toEqual(doc);
  });

  it.each<[string, (bom: Record<string, any>) => void, string]>([
    ['a non-object', () => undefined, '(root)'],
    ['another format', (b) => (b.bomFormat = 'SPDX'), 'bomFormat'],
    ['a subject that is not a model or dataset', (b) => (b.metadata.component.type = 'application'), 'metadata.component.type'],
    ['an ancestor without a name', (b) => delete b.metadata.component.pedigree.ancestors[0].name, 'metadata.component.pedigree.ancestors[0].name'],
    [
      'a nameless ancestor of a listed component',
      (b) => (b.components[2].pedigree = { ancestors: [{ type: 'machine-learning-model' }] }),
      'components[2].pedigree.ancestors[0].name',
    ],
    ['a dependency on an unknown bom-ref', (b) => b.dependencies[1].dependsOn.push('nowhere'), 'dependencies[1].dependsOn[2]'],
    ['an unknown country', (b) => (b.components[2].supplier.address.country = 'Atlantis'), 'components[2].supplier.address.country'],
    ['a malformed hash', (b) => (b.metadata.component.hashes[0].content = 'xyz'), 'metadata.component.hashes[0].content'],
    ['components that are not an array', (b) => (b.components = {}), 'components'],
  ])('rejects %s, naming the path', (name, breakIt, expected) => {
    const bom = foreignBom();
    breakIt(bom);
    expect(fieldOf(() => fromCycloneDx(name === 'a non-object' ? 'not json' : bom, 'x.json'))).toBe(expected);
  });
});
