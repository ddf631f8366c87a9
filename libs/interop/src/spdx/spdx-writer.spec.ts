import { auxiliaryDocument, distilledLlamaDocument, edge, gpt4o, legalQa, lineageDocument, mergeDocument, ORGS } from '../cyclonedx/lineage-document.fixture';
import { schemaPath, validateSpdx } from './spdx-validator';
import { DEFAULT_CREATED, toSpdx } from './spdx-writer';

type Obj = Record<string, any>;
const graphOf = (json: Obj) => json['@graph'] as Obj[];
const byType = (json: Obj, type: string) => graphOf(json).filter((o) => o.type === type);
const named = (json: Obj, name: string) => graphOf(json).find((o) => o.name === name)!;
const prop = (o: Obj, name: string) => o.extension?.[0]?.extension_cdxProperty.find((p: Obj) => p.extension_cdxPropName === name)?.extension_cdxPropValue;

describe('toSpdx', () => {
  it('writes SPDX 3.0.1 JSON-LD that validates against the shipped schema', () => {
    for (const doc of [distilledLlamaDocument(), mergeDocument()]) {
      const json = toSpdx(doc, { toolVersion: '0.1.0' });
      expect(json['@context']).toBe('https://spdx.org/rdf/3.0.1/spdx-context.jsonld');
      expect(validateSpdx(json)).toEqual({ valid: true, errors: [] });
    }
  });

  it('describes the distilled Llama with the AI profile: packages, suppliers, release time, typed ancestry', () => {
    const json = toSpdx(distilledLlamaDocument()) as Obj;
    const [info] = byType(json, 'CreationInfo');
    expect(info).toMatchObject({ '@id': '_:creationinfo', specVersion: '3.0.1', created: DEFAULT_CREATED });
    expect(byType(json, 'ai_AIPackage').map((p) => p.name)).toEqual([
      'deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
      'deepseek-ai/DeepSeek-R1',
      'meta-llama/Llama-3.1-8B',
    ]);
    const distill = named(json, 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B');
    const deepseek = named(json, 'DeepSeek');
    expect(deepseek).toMatchObject({ type: 'Organization' });
    expect(prop(deepseek, 'pedigree:organization:parent')).toBe('high-flyer');
    expect(distill).toMatchObject({ suppliedBy: deepseek.spdxId, releaseTime: '2025-01-20T00:00:00Z', software_primaryPurpose: 'model' });
    expect(distill.ai_informationAboutTraining).toBe('Distilled from deepseek-ai/DeepSeek-R1. Fine-tuned from meta-llama/Llama-3.1-8B.');
    expect(prop(distill, 'pedigree:country')).toBe('CN');

    const rels = byType(json, 'Relationship');
    const llama = named(json, 'meta-llama/Llama-3.1-8B');
    const r1 = named(json, 'deepseek-ai/DeepSeek-R1');
    const lineage = rels.filter((r) => r.relationshipType === 'descendantOf');
    expect(lineage.map((r) => [r.from, r.to, prop(r, 'pedigree:relation')])).toEqual([
      [distill.spdxId, [r1.spdxId], 'DISTILLATION'],
      [distill.spdxId, [llama.spdxId], 'FINETUNE'],
    ]);
    expect(prop(lineage[0], 'pedigree:evidence:confidence')).toBe('0.95');
    // Every checkpoint is a file with its sha256, linked from its model.
    const files = byType(json, 'software_File');
    expect(files).toHaveLength(3);
    expect(files[0].verifiedUsing[0]).toMatchObject({ type: 'Hash', algorithm: 'sha256', hashValue: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(rels.filter((r) => r.relationshipType === 'hasDistributionArtifact').map((r) => r.to.length)).toEqual([1, 2]);
  });

  it('gives every package exactly one declared and one concluded license, custom terms included', () => {
    const json = toSpdx(mergeDocument()) as Obj;
    const rels = byType(json, 'Relationship');
    const packages = [...byType(json, 'ai_AIPackage'), ...byType(json, 'dataset_DatasetPackage')];
    expect(packages).toHaveLength(8);
    for (const p of packages) {
      for (const type of ['hasDeclaredLicense', 'hasConcludedLicense'])
        expect(rels.filter((r) => r.from === p.spdxId && r.relationshipType === type)).toHaveLength(1);
    }
    const expression = byType(json, 'simplelicensing_LicenseExpression').find((l) => l.simplelicensing_licenseExpression === 'LicenseRef-llama3.1 AND MIT')!;
    expect(expression.simplelicensing_customIdToUri).toEqual([
      { type: 'DictionaryEntry', key: 'LicenseRef-llama3.1', value: 'https://www.llama.com/llama3_1/license/' },
    ]);
    expect(prop(expression, 'pedigree:license:LicenseRef-llama3.1:userThreshold')).toBe('700000000');
    // GPT-4o's license is unknown: NoAssertion, not a guess.
    const gpt = named(json, 'openai/gpt-4o');
    expect(rels.find((r) => r.from === gpt.spdxId && r.relationshipType === 'hasDeclaredLicense')!.to).toEqual(['expandedlicensing_NoAssertionLicense']);
  });

  it('maps data relations: trainedOn, generates (model to dataset), merge weights on descendantOf', () => {
    const json = toSpdx(mergeDocument()) as Obj;
    const rels = byType(json, 'Relationship');
    const qa = named(json, 'acme/legal-synthetic-qa');
    expect(qa).toMatchObject({
      type: 'dataset_DatasetPackage',
      software_primaryPurpose: 'data',
      dataset_datasetType: ['noAssertion'],
      originatedBy: [named(json, 'Acme Legal AI SAS').spdxId],
    });
    expect(rels.find((r) => r.relationshipType === 'trainedOn')).toMatchObject({ from: named(json, 'acme/llama-3.1-8b-legal').spdxId, to: [qa.spdxId] });
    expect(rels.find((r) => r.relationshipType === 'generates')).toMatchObject({ from: named(json, 'openai/gpt-4o').spdxId, to: [qa.spdxId] });
    const merges = rels.filter((r) => prop(r, 'pedigree:relation') === 'MERGE');
    expect(merges.map((r) => [r.relationshipType, prop(r, 'pedigree:mergeWeight')])).toEqual([
      ['descendantOf', '0.3'],
      ['descendantOf', '0.5'],
      ['descendantOf', '0.2'],
    ]);
    // The checkpoint the legal fine-tune started from is a lineage node of its own.
    const ckpt = rels.find((r) => r.from === named(json, 'acme/llama-3.1-8b-legal').spdxId && prop(r, 'pedigree:relation') === 'FINETUNE')!;
    expect(graphOf(json).find((o) => o.spdxId === ckpt.to[0])).toMatchObject({ type: 'software_File' });
  });

  it('lists every element in the document and the BOM, with the subject as root', () => {
    const json = toSpdx(mergeDocument()) as Obj;
    const [doc] = byType(json, 'SpdxDocument');
    const [bom] = byType(json, 'Bom');
    const ids = graphOf(json)
      .filter((o) => o.spdxId && o.type !== 'SpdxDocument')
      .map((o) => o.spdxId);
    expect(doc.element).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.rootElement).toEqual([bom.spdxId]);
    expect(bom.rootElement).toEqual([named(json, 'acme/legal-merge-8b').spdxId]);
    const referenced = byType(json, 'Relationship')
      .flatMap((r) => [r.from, ...r.to])
      .filter((id) => !id.startsWith('expandedlicensing_'));
    expect(referenced.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('is deterministic, and takes namespace, creation time and download locations from options', () => {
    expect(JSON.stringify(toSpdx(mergeDocument()))).toBe(JSON.stringify(toSpdx(mergeDocument())));
    const doc = lineageDocument(legalQa, [gpt4o], [edge(legalQa, gpt4o, 'GENERATED_BY')], [ORGS.acme, ORGS.openai]);
    const json = toSpdx(doc, {
      namespace: 'https://pedigree.example.com/spdx/legal-qa/',
      created: '2025-03-01T12:00:00Z',
      downloadLocation: (n) => `https://huggingface.co/datasets/${n.name}`,
    }) as Obj;
    expect(byType(json, 'CreationInfo')[0].created).toBe('2025-03-01T12:00:00Z');
    expect(named(json, 'acme/legal-synthetic-qa')).toMatchObject({
      spdxId: 'https://pedigree.example.com/spdx/legal-qa/dataset/acme/legal-synthetic-qa',
      software_downloadLocation: 'https://huggingface.co/datasets/acme/legal-synthetic-qa',
    });
    expect(validateSpdx(json).valid).toBe(true);
  });
});

describe('toSpdx for auxiliary models and teacher snapshots', () => {
  const json = toSpdx(auxiliaryDocument()) as Obj;
  const id = (name: string) => named(json, name).spdxId;

  it('writes a reward model as a tool used while building (usesTool, scope build), never as an ancestor, and validates', () => {
    expect(validateSpdx(json)).toEqual({ valid: true, errors: [] });
    const aux = graphOf(json).filter((o) => prop(o, 'pedigree:relation') === 'AUXILIARY');
    expect(aux).toHaveLength(1);
    expect(aux[0]).toMatchObject({
      type: 'LifecycleScopedRelationship',
      scope: 'build',
      relationshipType: 'usesTool',
      from: id('acme/llama-3.1-8b-legal-rl'),
      to: [id('acme/legal-reward-8b')],
    });
    expect(prop(aux[0], 'pedigree:auxiliaryRole')).toBe('REWARD_MODEL');
    const ancestorsOfPolicy = byType(json, 'Relationship').filter((r) => r.relationshipType === 'descendantOf' && r.from === id('acme/llama-3.1-8b-legal-rl'));
    expect(ancestorsOfPolicy.map((r) => r.to)).toEqual([[id('acme/llama-3.1-8b-legal')]]);
    expect(named(json, 'acme/llama-3.1-8b-legal-rl').ai_informationAboutTraining).toBe(
      'Shaped by the auxiliary model acme/legal-reward-8b (REWARD_MODEL). Fine-tuned from acme/llama-3.1-8b-legal.',
    );
  });

  it('keeps the teacher snapshot and period on the generates relationship', () => {
    const generates = byType(json, 'Relationship').find((r) => r.relationshipType === 'generates')!;
    expect([prop(generates, 'pedigree:teacherSnapshot'), prop(generates, 'pedigree:usedFrom'), prop(generates, 'pedigree:usedTo')]).toEqual([
      'gpt-4o-2024-05-13',
      '2024-06-01',
      '2024-06-30',
    ]);
  });
});

describe('validateSpdx', () => {
  it('carries a checkpoint signature status on its software_File, and still validates', () => {
    // A copy: the fixture's nodes are shared between documents.
    const doc = structuredClone(distilledLlamaDocument());
    const distill = doc.nodes.find((n) => n.name === 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B')!;
    const digest = distill.checkpoints[0].digest;
    distill.checkpoints[0] = { ...distill.checkpoints[0], signature: { status: 'VERIFIED', signer: 'key sha256:ab12' } };
    const json = toSpdx(doc) as Obj;
    expect(validateSpdx(json)).toEqual({ valid: true, errors: [] });
    const file = named(json, digest);
    expect(file.type).toBe('software_File');
    expect([prop(file, 'pedigree:checkpoint:signature:status'), prop(file, 'pedigree:checkpoint:signature:signer')]).toEqual(['VERIFIED', 'key sha256:ab12']);
    const unsigned = named(toSpdx(distilledLlamaDocument()) as Obj, digest);
    expect(prop(unsigned, 'pedigree:checkpoint:signature:status')).toBeUndefined();
  });

  it('fails broken documents and says where', () => {
    const json = JSON.parse(JSON.stringify(toSpdx(distilledLlamaDocument()))) as Obj;
    const rel = graphOf(json).find((o) => o.type === 'Relationship')!;
    rel.relationshipType = 'fineTunedFrom';
    expect(validateSpdx(json).valid).toBe(false);

    const missing = JSON.parse(JSON.stringify(toSpdx(distilledLlamaDocument()))) as Obj;
    delete byType(missing, 'dataset_DatasetPackage')[0];
    delete graphOf(missing).find((o) => o.type === 'ai_AIPackage')!.creationInfo;
    const result = validateSpdx(missing);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.startsWith('/@graph/'))).toBe(true);

    expect(validateSpdx({ '@graph': [] }).valid).toBe(false);
  });

  it('finds the schema from source and from a build output directory', () => {
    expect(schemaPath()).toMatch(/libs\/interop\/schemas\/spdx-3\.0\.1\.schema\.json$/);
    expect(schemaPath(`${process.cwd()}/dist/libs/interop/src/spdx`)).toBe(schemaPath());
  });
});
