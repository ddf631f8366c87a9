import { Direction, Relation } from '@pedigree/core';
import { CteReference } from './cte-reference';
import { LineageIndex } from './lineage-index';
import { LineageIndexBuilder } from './lineage-index.builder';
import { int, pick, prng, Random, randomLineage, RandomLineage, randomWalkQuery } from './random-lineage';

const FIRST_SEED = Number(process.env.LINEAGE_INDEX_SEED ?? 1);
const GRAPHS = process.env.LINEAGE_INDEX_SEED ? 1 : 200;

function shuffled<T>(rand: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(rand, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function fullBuild(g: RandomLineage): LineageIndex {
  const builder = new LineageIndexBuilder();
  g.edges.forEach((e) => builder.addEdge(e));
  return builder.addRetractions(g.retracted).build();
}

/** Every walk, reaches and shortestPathUp a seed generates must agree across the indexes. */
function expectSameAnswers(rand: Random, g: RandomLineage, indexes: LineageIndex[], stage: string): void {
  const reference = new CteReference(g.edges, g.retracted);
  for (let q = 0; q < 6; q++) {
    const { rootIds, direction, options } = randomWalkQuery(rand, g);
    const expected = reference.walk(rootIds, direction, options);
    for (const index of indexes) expect([stage, index.walk(rootIds, direction, options)]).toEqual([stage, expected]);
  }
  for (let q = 0; q < 4; q++) {
    const [from, to] = [pick(rand, g.nodeIds), pick(rand, g.nodeIds)];
    for (const index of indexes) {
      expect([stage, index.reaches(from, to)]).toEqual([stage, reference.reaches(from, to)]);
      expect([stage, index.shortestPathUp(from, to, 100)]).toEqual([stage, reference.shortestPathUp(from, to, 100)]);
    }
  }
}

describe('LineageIndex updated in place', () => {
  it(`answers like a full rebuild after adds and retractions, before and after compaction (${GRAPHS} graphs)`, () => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + GRAPHS; seed++) {
      const rand = prng(seed);
      const g = randomLineage(rand);
      try {
        // Load a random subset, so later ids arrive both above and below the loaded ones.
        const order = shuffled(rand, g.edges);
        const loaded = order.slice(0, int(rand, order.length + 1));
        const later = order.slice(loaded.length);
        const retractedEarly = g.retracted.filter((id) => loaded.some((e) => e.id === id) && rand() < 0.5);
        const live = new LineageIndexBuilder();
        loaded.forEach((e) => live.addEdge(e));
        const index = live.addRetractions(retractedEarly).build();

        const pending = g.retracted.filter((id) => !retractedEarly.includes(id));
        const beforeTheirEdges = pending.filter(() => rand() < 0.3);
        beforeTheirEdges.forEach((id) => index.retractEdge(id));
        for (const e of later) expect(index.addEdge(e)).toBe(true);
        pending.filter((id) => !beforeTheirEdges.includes(id)).forEach((id) => index.retractEdge(id));
        if (g.edges.length > 0) expect(index.addEdge(pick(rand, g.edges))).toBe(false);

        const rebuilt = fullBuild(g);
        expect(index.stats()).toMatchObject({ edges: g.edges.length, retractedEdges: g.retracted.length, deltaEdges: later.length });
        expectSameAnswers(rand, g, [index, rebuilt], 'with a delta');
        index.compact();
        expect(index.stats()).toMatchObject({ edges: g.edges.length, retractedEdges: g.retracted.length, deltaEdges: 0 });
        expectSameAnswers(rand, g, [index], 'compacted');
      } catch (e) {
        throw new Error(`LINEAGE_INDEX_SEED=${seed}:\n${(e as Error).message}`, { cause: e });
      }
    }
  });

  it('asks for compaction only once the delta is worth a rebuild', () => {
    const index = new LineageIndex();
    const edge = (i: number) => ({ id: String(i), derivedId: String(i + 1), sourceId: String(i), relation: Relation.FINETUNE });
    for (let i = 1; i < 1_024; i++) index.addEdge(edge(i));
    expect(index.needsCompaction()).toBe(false);
    index.addEdge(edge(1_024));
    expect(index.needsCompaction()).toBe(true);
    index.compact();
    expect(index.stats()).toMatchObject({ nodes: 1_025, edges: 1_024, deltaEdges: 0 });
    expect(index.needsCompaction()).toBe(false);
  });

  it('keeps nodes that have no edges and rejects ids that are not bigints', () => {
    const index = new LineageIndex();
    index.addNode('42');
    expect(index.hasNode('42')).toBe(true);
    expect(index.stats().nodes).toBe(1);
    for (const bad of ['4.2', '', '0x1f', '1e3', '-1', '9007199254740993']) expect(() => index.addNode(bad)).toThrow(RangeError);
    expect(index.hasNode('042')).toBe(true);
    expect(() => index.walk(['x'], Direction.ANCESTORS, { maxDepth: 1, relations: [], includeRetracted: false })).toThrow(RangeError);
    expect(() => index.addEdge({ id: '1', derivedId: '2', sourceId: '3', relation: 'LIKES' as Relation })).toThrow(RangeError);
  });
});
