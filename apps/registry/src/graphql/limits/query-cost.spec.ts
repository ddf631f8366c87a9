import { buildSchema, parse } from 'graphql';
import { DEFAULT_FIRST, estimateCost, UNSIZED_LIST_ITEMS, whatWouldFit } from './query-cost';

const schema = buildSchema(`
  type Query {
    models(first: Int, after: String): ModelConnection!
    lineage(direction: Direction = ANCESTORS, maxDepth: Int = 25, first: Int = 500): LineageGraph!
    impact: Impact!
  }
  enum Direction { ANCESTORS DESCENDANTS }
  type ModelConnection { edges: [ModelEdge!]! totalCount: Int! }
  type ModelEdge { node: Model! }
  type Model { name: String! tags: [String!]! terms: [Terms!]! }
  type Terms { key: String! }
  type LineageGraph { nodes: [NodeAtDepth!]! truncated: Boolean! }
  type NodeAtDepth { depth: Int! }
  type Impact { affected(first: Int): ModelConnection! affectedCount: Int! }
`);

const cost = (query: string, variables?: Record<string, unknown>) => estimateCost(schema, parse(query), null, variables);

describe('estimateCost', () => {
  it.each([
    ['a scalar root field', '{ impact { affectedCount } }', 1 + 5000 + 1],
    ['a page of the default size', '{ models { edges { node { name } } } }', 1 + DEFAULT_FIRST * 3],
    ['what a page answers once is not multiplied', '{ models(first: 10) { totalCount edges { node { name } } } }', 1 + 1 + 10 * 3],
    ['a literal first', '{ models(first: 10) { edges { node { name } } } }', 1 + 10 * 3],
    ['the sized list itself is not multiplied again', '{ models(first: 10) { edges { node { tags } } } }', 1 + 10 * 3],
    ['an unsized list of objects inside an item', '{ models(first: 10) { edges { node { terms { key } } } } }', 1 + 10 * (1 + 1 + 1 + UNSIZED_LIST_ITEMS * 1)],
    ['a lineage walk up, default depth and cap', '{ lineage { truncated nodes { depth } } }', 1 + (10 + 25) + 1 + 500 * 2],
    ['a lineage walk down weighs its depth more', '{ lineage(direction: DESCENDANTS, maxDepth: 100, first: 2) { nodes { depth } } }', 1 + (100 + 2000) + 2 * 2],
    ['fragments count like inline fields', '{ models(first: 2) { ...F } } fragment F on ModelConnection { totalCount edges { node { name } } }', 1 + 1 + 2 * 3],
  ])('%s', (_name, query, expected) => {
    expect(cost(query).total).toBe(expected);
  });

  it('takes `first` from variables exactly as from literals', () => {
    const literal = cost('{ models(first: 500) { edges { node { name } } } }').total;
    const variable = cost('query($n: Int) { models(first: $n) { edges { node { name } } } }', { n: 500 }).total;
    expect(variable).toBe(literal);
    expect(cost('query($n: Int) { models(first: $n) { edges { node { name } } } }', {}).total).toBe(1 + DEFAULT_FIRST * 3);
  });

  it('takes walk arguments from variables', () => {
    const q = 'query($d: Direction, $m: Int) { lineage(direction: $d, maxDepth: $m, first: 1) { truncated } }';
    expect(cost(q, { d: 'DESCENDANTS', m: 100 }).total).toBe(1 + 2100 + 1);
  });

  it('counts every alias, and lists each root part', () => {
    const c = cost('{ a: impact { affectedCount } b: impact { affectedCount } }');
    expect(c.parts.map((p) => p.key)).toEqual(['a', 'b']);
    expect(c.total).toBe(2 * 5002);
  });

  it('says what first would fit for every sized root field', () => {
    const c = cost('{ a: models(first: 500) { edges { node { name } } } b: models(first: 500) { edges { node { name } } } }');
    expect(c.total).toBe(2 * (1 + 500 * 3));
    const fit = whatWouldFit(c, 1000) as { keys: string[]; first: number };
    expect(fit).toEqual({ keys: ['a', 'b'], first: 166 });
    expect(2 * (1 + fit!.first * 3)).toBeLessThanOrEqual(1000);
    expect(2 * (1 + (fit!.first + 1) * 3)).toBeGreaterThan(1000);
    expect(whatWouldFit(c, 3)).toBeNull();
  });

  it('says how many root fields fit when even first: 1 does not', () => {
    const c = cost(`{ ${Array.from({ length: 29 }, (_, i) => `d${i}: lineage(direction: DESCENDANTS, maxDepth: 100, first: 500) { truncated }`).join(' ')} }`);
    expect(whatWouldFit(c, 50_000)).toEqual({ parts: Math.floor(50_000 / (1 + 2100 + 1)) });
  });
});
