import { EdgeRef, Relation } from '@pedigree/core';
import { ExposureKind } from './exposure-kind';
import { impactOf, withStructural } from './impact.rules';

let n = 0;
const e = (derivedId: string, sourceId: string, relation: Relation): EdgeRef => ({ id: String(++n), derivedId, sourceId, relation });

/** `id: depth kinds` per affected node, `*` after the id of a target node; in the report's order. */
const listed = (roots: string[], edges: EdgeRef[]) =>
  impactOf(roots, edges).affected.map((a) => `${a.id}${a.inTarget ? '*' : ''}: ${a.depth} ${a.kinds.join('+')}`);

describe('impactOf', () => {
  const edges = [
    e('instruct', 'base', Relation.FINETUNE),
    e('ckpt', 'instruct', Relation.CHECKPOINT_OF),
    e('base-ckpt', 'base', Relation.CHECKPOINT_OF),
    e('student', 'instruct', Relation.DISTILLATION),
    e('synth', 'instruct', Relation.GENERATED_BY),
    e('trained', 'synth', Relation.TRAINED_ON),
    e('merge', 'student', Relation.MERGE),
    e('merge', 'base', Relation.MERGE),
  ];

  it('classifies every descendant by how the target reaches it, and finds shortest paths down', () => {
    const r = impactOf(['base'], edges);
    const kinds = Object.fromEntries(r.affected.map((a) => [a.id, [a.depth, a.kinds.join('+'), a.inTarget]]));
    expect(kinds).toEqual({
      instruct: [1, 'WEIGHTS', false],
      'base-ckpt': [1, 'WEIGHTS', false],
      merge: [1, 'WEIGHTS+DISTILLATION', false],
      ckpt: [2, 'WEIGHTS', false],
      student: [2, 'DISTILLATION', false],
      synth: [2, 'DISTILLATION', false],
      trained: [3, 'DISTILLATION', false],
    });
    expect(r.pathTo('trained').map((x) => `${x.derivedId}<${x.sourceId}`)).toEqual(['instruct<base', 'synth<instruct', 'trained<synth']);
    expect(r.byKind.find((k) => k.kind === ExposureKind.DISTILLATION)?.count).toBe(4);
    expect(r.byRelation.find((k) => k.relation === Relation.MERGE)?.count).toBe(1); // one node, reached through two merge edges
  });

  // Ids are numbers, as in the registry: the order is (depth, id). An organization or a country
  // stands for several nodes, and some of them descend from others.
  const v3Base = '10';
  const v3 = '11';
  const r1 = '12';
  const llama = '20';
  const distill = '13';
  const distillCkpt = '14';
  const quant = '15';
  const dataset = '16';
  const onData = '17';
  const deepseek = [
    e(v3, v3Base, Relation.FINETUNE),
    e(r1, v3Base, Relation.FINETUNE),
    e(distill, llama, Relation.FINETUNE),
    e(distill, r1, Relation.DISTILLATION),
    e(distillCkpt, distill, Relation.CHECKPOINT_OF),
    e(quant, distill, Relation.QUANTIZATION),
    e(dataset, r1, Relation.GENERATED_BY),
    e(onData, dataset, Relation.TRAINED_ON),
  ];
  it.each<[string, string[], string[]]>([
    [
      'one model: the target node itself is never listed',
      [v3Base],
      ['11: 1 WEIGHTS', '12: 1 WEIGHTS', '13: 2 DISTILLATION', '16: 2 DISTILLATION', '14: 3 DISTILLATION', '15: 3 DISTILLATION', '17: 3 DISTILLATION'],
    ],
    [
      'an organization: its nodes below its other nodes are listed, at the fewest edges from another of its nodes',
      [v3Base, v3, r1, distill],
      [
        '11*: 1 WEIGHTS',
        '12*: 1 WEIGHTS',
        '13*: 1 DISTILLATION',
        '14: 1 WEIGHTS+DISTILLATION',
        '15: 1 WEIGHTS+DISTILLATION',
        '16: 1 DISTILLATION',
        '17: 2 DISTILLATION',
      ],
    ],
    [
      'kinds of a target node say how the other target nodes reach it, not its own weights',
      [llama, distill],
      ['13*: 1 WEIGHTS', '14: 1 WEIGHTS', '15: 1 WEIGHTS'],
    ],
    [
      'a target node that nothing else in the target is above is not listed',
      [r1, dataset],
      ['13: 1 DISTILLATION', '16*: 1 DISTILLATION', '17: 1 DISTILLATION+TRAINING_DATA', '14: 2 DISTILLATION', '15: 2 DISTILLATION'],
    ],
    ['a checkpoint that is itself a target carries its model’s weights', [distill, distillCkpt], ['14*: 1 WEIGHTS', '15: 1 WEIGHTS']],
    [
      'a target node counts from its nearest other target node, and is merged into the order by (depth, id)',
      [v3Base, onData, dataset],
      [
        '11: 1 WEIGHTS',
        '12: 1 WEIGHTS',
        '17*: 1 DISTILLATION+TRAINING_DATA',
        '13: 2 DISTILLATION',
        '16*: 2 DISTILLATION',
        '14: 3 DISTILLATION',
        '15: 3 DISTILLATION',
      ],
    ],
    ['unrelated target nodes list none of each other', [llama, v3], ['13: 1 WEIGHTS', '14: 2 WEIGHTS', '15: 2 WEIGHTS']],
  ])('%s', (_name, roots, expected) => {
    expect(listed(roots, deepseek)).toEqual(expected);
  });

  it('counts target nodes below other target nodes in byKind and byRelation', () => {
    const r = impactOf([v3Base, r1, distill], deepseek);
    // r1 is reached through FINETUNE and distill through DISTILLATION (its FINETUNE parent, llama, is not walked).
    expect(r.byRelation).toEqual([
      { relation: Relation.FINETUNE, count: 2 },
      { relation: Relation.DISTILLATION, count: 1 },
      { relation: Relation.CHECKPOINT_OF, count: 1 },
      { relation: Relation.QUANTIZATION, count: 1 },
      { relation: Relation.GENERATED_BY, count: 1 },
      { relation: Relation.TRAINED_ON, count: 1 },
    ]);
    expect(r.byKind).toEqual([
      { kind: ExposureKind.WEIGHTS, count: 4 },
      { kind: ExposureKind.DISTILLATION, count: 5 },
    ]);
    expect(r.pathTo(r1)).toEqual([]);
  });

  it('handles several targets: a target below another is listed once, in the target', () => {
    const r = impactOf(['base', 'instruct'], edges);
    expect(r.affected.filter((a) => a.id === 'instruct')).toEqual([{ id: 'instruct', depth: 1, kinds: [ExposureKind.WEIGHTS], inTarget: true }]);
    expect(r.affected.find((a) => a.id === 'ckpt')?.depth).toBe(1);
    expect(r.affected.filter((a) => a.inTarget)).toHaveLength(1);
  });

  it('terminates on cyclic input, and lists a lone target on a cycle as reached by it', () => {
    const r = impactOf(['a'], [e('b', 'a', Relation.FINETUNE), e('a', 'b', Relation.FINETUNE)]);
    expect(r.affected.map((x) => [x.id, x.depth, x.inTarget])).toEqual([
      ['b', 1, false],
      ['a', 2, true],
    ]);
  });

  it('keeps CHECKPOINT_OF in a relation filter so deployments stay reachable', () => {
    expect(withStructural([Relation.FINETUNE]).sort()).toEqual([Relation.CHECKPOINT_OF, Relation.FINETUNE].sort());
    expect(withStructural([])).toEqual([]);
  });
});
