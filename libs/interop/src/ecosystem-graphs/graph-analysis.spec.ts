import { adjacency, cyclicComponents, DirectedEdge, elementaryCycles, longestChains, replayCycleChecks } from './graph-analysis';

const e = (derived: string, source: string): DirectedEdge => ({ derived, source });

describe('cyclicComponents and elementaryCycles', () => {
  // The Anthropic shape: a model trained on two datasets collected through an app that uses the model.
  const anthropic = [e('rlhf', 'harm'), e('rlhf', 'help'), e('harm', 'app'), e('help', 'app'), e('app', 'rlhf')];

  it('finds one component holding two elementary cycles, and a self-loop as its own cycle', () => {
    const adj = adjacency([...anthropic, e('vima', 'vima'), e('vima', 't5'), e('tulu', 'llama')]);
    expect(cyclicComponents(adj)).toEqual([['app', 'harm', 'help', 'rlhf'], ['vima']]);
    expect(elementaryCycles(adj)).toEqual([
      ['app', 'rlhf', 'harm', 'app'],
      ['app', 'rlhf', 'help', 'app'],
      ['vima', 'vima'],
    ]);
  });

  it('finds nothing in a DAG, and stops at the limit', () => {
    expect(elementaryCycles(adjacency([e('a', 'b'), e('b', 'c'), e('a', 'c')]))).toEqual([]);
    const complete = ['a', 'b', 'c', 'd', 'e'].flatMap((x, _, all) => all.filter((y) => y !== x).map((y) => e(x, y)));
    expect(elementaryCycles(adjacency(complete), 10)).toHaveLength(10);
  });

  it('handles long chains without recursion limits', () => {
    const chain = Array.from({ length: 20000 }, (_, i) => e(`n${i}`, `n${i + 1}`));
    expect(cyclicComponents(adjacency([...chain, e('n20000', 'n0')]))[0]).toHaveLength(20001);
  });
});

describe('replayCycleChecks', () => {
  it('refuses the edge that closes a loop in emission order, with the loop, and keeps the rest', () => {
    const result = replayCycleChecks([e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')]);
    expect(result.rejected).toEqual([{ position: 2, edge: e('c', 'a'), path: ['c', 'a', 'b', 'c'] }]);
    expect(result.accepted).toEqual([e('a', 'b'), e('b', 'c'), e('c', 'd')]);
  });

  it('depends on the order: emitted the other way round, another edge closes the loop', () => {
    expect(replayCycleChecks([e('c', 'a'), e('b', 'c'), e('a', 'b')]).rejected.map((r) => r.edge)).toEqual([e('a', 'b')]);
  });

  it('refuses a self-edge', () => {
    expect(replayCycleChecks([e('v', 'v')]).rejected).toEqual([{ position: 0, edge: e('v', 'v'), path: ['v', 'v'] }]);
  });
});

describe('longestChains', () => {
  it('returns the length in edges and one path per start node that reaches it', () => {
    const adj = adjacency([e('a', 'b'), e('b', 'c'), e('x', 'b'), e('y', 'c')]);
    expect(longestChains(adj)).toEqual({
      edges: 2,
      paths: [
        ['a', 'b', 'c'],
        ['x', 'b', 'c'],
      ],
    });
    expect(longestChains(new Map())).toEqual({ edges: 0, paths: [] });
  });
});
