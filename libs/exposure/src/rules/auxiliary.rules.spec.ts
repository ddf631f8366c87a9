import { AuxiliaryRole, EdgeRef, NodeKind, Relation } from '@pedigree/core';
import { edgeLabel, explain } from './explanation-text';
import { EntryState, ExposureKind, step } from './exposure-kind';
import { rollUpExposure } from './exposure.rollup';
import { buildGraph, pathText } from './graph-builder';
import { impactOfColumns } from './impact-columns.rules';
import { impactOf } from './impact.rules';

const { WEIGHTS, DISTILLATION, TRAINING_DATA, AUXILIARY } = ExposureKind;

describe('AUXILIARY dominates the entry state of everything above it', () => {
  it.each<[EntryState, Relation, EntryState]>([
    ['SELF', Relation.AUXILIARY, AUXILIARY],
    [WEIGHTS, Relation.AUXILIARY, AUXILIARY],
    [DISTILLATION, Relation.AUXILIARY, AUXILIARY],
    [TRAINING_DATA, Relation.AUXILIARY, AUXILIARY],
    [AUXILIARY, Relation.FINETUNE, AUXILIARY],
    [AUXILIARY, Relation.DISTILLATION, AUXILIARY],
    [AUXILIARY, Relation.GENERATED_BY, AUXILIARY],
    [AUXILIARY, Relation.TRAINED_ON, AUXILIARY],
    [AUXILIARY, Relation.CHECKPOINT_OF, AUXILIARY],
    [DISTILLATION, Relation.FINETUNE, DISTILLATION],
  ])('%s then %s is %s', (state, relation, next) => {
    expect(step(state, relation)).toBe(next);
  });
});

/** Starling-LM-7B-alpha's shape: a finetune of OpenChat, RLAIF with the reward model Starling-RM (itself a finetune of Llama 2). */
const starling = () =>
  buildGraph(
    'lm',
    {
      lm: { vendor: 'nest', country: 'US', license: 'Apache-2.0' },
      openchat: { vendor: 'openchat', country: 'CN', license: 'Apache-2.0' },
      mistral: { vendor: 'mistral', country: 'FR', license: 'Apache-2.0' },
      rm: { vendor: 'nest', country: 'US', license: 'LicenseRef-llama2' },
      llama: { vendor: 'meta', country: 'US', license: 'LicenseRef-llama2' },
      gpt4: { vendor: 'openai', country: 'US', access: 'API_ONLY' },
    },
    ['lm > openchat : FINETUNE', 'openchat > mistral : FINETUNE', 'lm > rm : AUXILIARY', 'rm > llama : FINETUNE', 'rm > gpt4 : DISTILLATION'],
  );

describe('exposure through an auxiliary model', () => {
  const r = rollUpExposure(starling(), new Map());
  const kindsOf = Object.fromEntries([...r.vendors.map((v) => [v.vendor.slug, v.kinds.join('+')])]);

  it('counts the auxiliary model and everything above it as AUXILIARY, for vendors and countries', () => {
    expect(kindsOf).toEqual({ openchat: 'WEIGHTS', nest: 'AUXILIARY', mistral: 'WEIGHTS', meta: 'AUXILIARY', openai: 'AUXILIARY' });
    expect(Object.fromEntries(r.countries.map((c) => [c.country, c.kinds.join('+')]))).toEqual({ CN: 'WEIGHTS', US: 'AUXILIARY', FR: 'WEIGHTS' });
    expect(r.ancestorCount).toBe(5);
  });

  it('never puts it on a weight path: not a weight root, never unavoidable', () => {
    expect(r.weightRootIds).toEqual(['mistral']);
    expect(r.vendors.filter((v) => v.unavoidable).map((v) => v.vendor.slug)).toEqual(['openchat', 'mistral']);
    expect(r.vendors.find((v) => v.vendor.slug === 'meta')).toMatchObject({ unavoidable: false, weightRootVendor: false });
    expect(r.drift).toEqual([]);
  });

  it('lists the auxiliary model with a path through its AUXILIARY edge; a teacher above it stays a (transitive) distillation source', () => {
    expect(r.auxiliaryModels.map((a) => [a.nodeId, a.direct, a.depth, pathText(a.path)])).toEqual([['rm', true, 1, 'lm -AUXILIARY-> rm']]);
    expect(r.distillationSources.map((d) => [d.nodeId, d.direct, pathText(d.path)])).toEqual([['gpt4', false, 'lm -AUXILIARY-> rm | rm -DISTILLATION-> gpt4']]);
  });

  it('treats a checkpoint shaped by an auxiliary model as its model would be (direct)', () => {
    // The checkpoint's run used a judge; its base's training data went through a filter classifier.
    const g = buildGraph(
      'ckpt',
      {
        ckpt: { vendor: 'acme', country: 'FR', kind: NodeKind.CHECKPOINT },
        model: { vendor: 'acme', country: 'FR' },
        judge: { vendor: 'openai', country: 'US', access: 'API_ONLY' },
        base: { vendor: 'meta', country: 'US' },
        filter: { vendor: 'hf', country: 'US' },
      },
      ['ckpt > model : CHECKPOINT_OF', 'model > judge : AUXILIARY', 'ckpt > base : FINETUNE', 'base > filter : AUXILIARY'],
    );
    const report = rollUpExposure(g, new Map());
    expect(report.auxiliaryModels.map((a) => [a.nodeId, a.direct, a.auxiliaryEdges.length])).toEqual([
      ['judge', true, 1],
      ['filter', false, 1],
    ]);
  });
});

describe('impact of an auxiliary model', () => {
  const edges: readonly EdgeRef[] = starling().edges;

  it('reaches everything it shaped as AUXILIARY, in both rollups', () => {
    const ref = impactOf(['llama'], edges);
    expect(ref.affected.map((a) => [a.id, a.depth, a.kinds.join('+')])).toEqual([
      ['rm', 1, 'WEIGHTS'],
      ['lm', 2, 'AUXILIARY'],
    ]);
    // Columns as the walk gives them: targets first (depth 0), then by depth; edges by id.
    const nodeIds = ['llama', 'rm', 'lm'];
    const walked = edges.filter((e) => nodeIds.includes(e.derivedId) && nodeIds.includes(e.sourceId));
    const row = (id: string) => nodeIds.indexOf(id);
    const columns = impactOfColumns(['llama'], {
      nodeIds: Float64Array.from([1, 2, 3]),
      depths: Int32Array.from([0, 1, 2]),
      edgeIds: Float64Array.from(walked.map((e) => Number(e.id))),
      relations: Uint8Array.from(walked.map((e) => Object.values(Relation).indexOf(e.relation))),
      derivedRows: Int32Array.from(walked.map((e) => row(e.derivedId))),
      sourceRows: Int32Array.from(walked.map((e) => row(e.sourceId))),
    });
    expect(columns.affected(0, 10).map((a) => a.kinds.join('+'))).toEqual(['WEIGHTS', 'AUXILIARY']);
    expect(columns.byKind).toEqual(ref.byKind);
    expect(columns.byKind).toEqual([
      { kind: WEIGHTS, count: 1 },
      { kind: AUXILIARY, count: 1 },
    ]);
  });
});

describe('explanation sentences name the snapshot, period and role an edge states', () => {
  const edge = (relation: Relation, extra: object = {}) => ({ id: '1', derivedId: 'a', sourceId: 'b', relation, ...extra });

  it.each([
    [edge(Relation.DISTILLATION), 'DISTILLATION'],
    [edge(Relation.DISTILLATION, { teacherSnapshot: 'gpt-4-0613' }), 'DISTILLATION [snapshot gpt-4-0613]'],
    [
      edge(Relation.GENERATED_BY, { teacherSnapshot: 'text-davinci-003', usedFrom: '2023-03-01', usedTo: '2023-03-13' }),
      'GENERATED_BY [snapshot text-davinci-003; used 2023-03-01 to 2023-03-13]',
    ],
    [edge(Relation.GENERATED_BY, { usedFrom: '2023-03-01' }), 'GENERATED_BY [used from 2023-03-01]'],
    [edge(Relation.DISTILLATION, { usedTo: '2023-03-13' }), 'DISTILLATION [used until 2023-03-13]'],
    [edge(Relation.AUXILIARY, { auxiliaryRole: AuxiliaryRole.REWARD_MODEL }), 'AUXILIARY [REWARD_MODEL]'],
  ])('%j reads "%s"', (e, text) => {
    expect(edgeLabel(e)).toBe(text);
  });

  it('puts the label in the chain', () => {
    const g = starling();
    const path = [
      { ...g.edges[2], auxiliaryRole: AuxiliaryRole.REWARD_MODEL },
      { ...g.edges[4], teacherSnapshot: 'gpt-4-0613' },
    ];
    expect(explain('lm', path, g.nodes)).toBe('lm → AUXILIARY [REWARD_MODEL] → rm → DISTILLATION [snapshot gpt-4-0613] → gpt4 (openai, US)');
  });
});
