import { EdgeRef } from './edge-ref';
import { Relation } from './relation';
import { collapseWalk, shortestPathUp } from './subgraph';

let n = 0;
const e = (derivedId: string, sourceId: string, relation = Relation.FINETUNE): EdgeRef => ({ id: String(++n), derivedId, sourceId, relation });

describe('shortestPathUp', () => {
  it('finds the shortest of several routes in a diamond', () => {
    const edges = [e('d', 'b'), e('b', 'a'), e('d', 'c'), e('c', 'x'), e('x', 'a'), e('d', 'a', Relation.DISTILLATION)];
    expect(shortestPathUp(edges, 'd', 'a')!.map((x) => `${x.derivedId}>${x.sourceId}`)).toEqual(['d>a']);
    expect(shortestPathUp(edges, 'd', 'x')!.map((x) => `${x.derivedId}>${x.sourceId}`)).toEqual(['d>c', 'c>x']);
  });

  it('returns null when unrelated and [] for the same node', () => {
    const edges = [e('b', 'a')];
    expect(shortestPathUp(edges, 'a', 'b')).toBeNull();
    expect(shortestPathUp(edges, 'a', 'a')).toEqual([]);
  });

  it('terminates on cyclic input', () => {
    expect(shortestPathUp([e('a', 'b'), e('b', 'a')], 'a', 'z')).toBeNull();
  });
});

describe('collapseWalk', () => {
  it('keeps the minimum depth per node and each edge once', () => {
    const x = e('r', 'a');
    const y = e('a', 'b');
    const z = e('r', 'b');
    const out = collapseWalk([
      { edge: null, nodeId: 'r', depth: 0 },
      { edge: x, nodeId: 'a', depth: 1 },
      { edge: y, nodeId: 'b', depth: 2 },
      { edge: z, nodeId: 'b', depth: 1 },
      { edge: y, nodeId: 'b', depth: 2 },
    ]);
    expect(out.nodes.map((v) => [v.id, v.depth])).toEqual([
      ['r', 0],
      ['a', 1],
      ['b', 1],
    ]);
    expect(out.edges.map((v) => v.id).sort()).toEqual([x.id, y.id, z.id].sort());
  });
});
