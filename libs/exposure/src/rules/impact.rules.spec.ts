import { EdgeRef, Relation } from '@pedigree/core';
import { ExposureKind } from './exposure-kind';
import { impactOf, withStructural } from './impact.rules';

let n = 0;
const e = (derivedId: string, sourceId: string, relation: Relation): EdgeRef => ({ id: String(++n), derivedId, sourceId, relation });

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
    const kinds = Object.fromEntries(r.affected.map((a) => [a.id, [a.depth, a.kinds.join('+')]]));
    expect(kinds).toEqual({
      instruct: [1, 'WEIGHTS'],
      'base-ckpt': [1, 'WEIGHTS'],
      merge: [1, 'WEIGHTS+DISTILLATION'],
      ckpt: [2, 'WEIGHTS'],
      student: [2, 'DISTILLATION'],
      synth: [2, 'DISTILLATION'],
      trained: [3, 'DISTILLATION'],
    });
    expect(r.pathTo('trained').map((x) => `${x.derivedId}<${x.sourceId}`)).toEqual(['instruct<base', 'synth<instruct', 'trained<synth']);
    expect(r.byKind.find((k) => k.kind === ExposureKind.DISTILLATION)?.count).toBe(4);
    expect(r.byRelation.find((k) => k.relation === Relation.MERGE)?.count).toBe(1); // one node, reached through two merge edges
  });

  it('handles several targets and never lists a target as affected', () => {
    const r = impactOf(['base', 'instruct'], edges);
    expect(r.affected.map((a) => a.id)).not.toContain('instruct');
    expect(r.affected.find((a) => a.id === 'ckpt')?.depth).toBe(1);
  });

  it('terminates on cyclic input', () => {
    const r = impactOf(['a'], [e('b', 'a', Relation.FINETUNE), e('a', 'b', Relation.FINETUNE)]);
    expect(r.affected.map((x) => x.id)).toEqual(['b']);
  });

  it('keeps CHECKPOINT_OF in a relation filter so deployments stay reachable', () => {
    expect(withStructural([Relation.FINETUNE]).sort()).toEqual([Relation.CHECKPOINT_OF, Relation.FINETUNE].sort());
    expect(withStructural([])).toEqual([]);
  });
});
