import { Direction, Relation } from '@pedigree/core';
import { CteReference, lineageArbitrary, nodePairArbitrary, propertyOptions, RandomLineage, WalkQuery, walkQueryArbitrary } from '@pedigree/testing';
import fc from 'fast-check';
import { LineageIndex } from './lineage-index';
import { LineageIndexBuilder } from './lineage-index.builder';

const GRAPHS = 200;

/**
 * How the graph arrives: a random order, a loaded prefix (so later ids arrive both above and
 * below the loaded ones), retractions of loaded edges made before the build, and retractions
 * that arrive before their edges do.
 */
const cases = lineageArbitrary().chain((g) =>
  fc
    .record({
      order: fc.shuffledSubarray(g.edges, { minLength: g.edges.length, maxLength: g.edges.length }),
      loadedCount: fc.nat({ max: g.edges.length }),
      earlyPick: fc.subarray(g.retracted),
      beforeTheirEdgesPick: fc.subarray(g.retracted),
      walks: fc.array(walkQueryArbitrary(g), { minLength: 1, maxLength: 6 }),
      pairs: fc.array(nodePairArbitrary(g), { minLength: 1, maxLength: 4 }),
    })
    .map((c) => ({ g, ...c })),
);

function fullBuild(g: RandomLineage): LineageIndex {
  const builder = new LineageIndexBuilder();
  g.edges.forEach((e) => builder.addEdge(e));
  return builder.addRetractions(g.retracted).build();
}

/** Every walk, reaches and shortestPathUp of the case must agree across the indexes. */
function expectSameAnswers(g: RandomLineage, walks: WalkQuery[], pairs: { from: string; to: string }[], indexes: LineageIndex[], stage: string): void {
  const reference = new CteReference(g.edges, g.retracted);
  for (const { rootIds, direction, options } of walks) {
    const expected = reference.walk(rootIds, direction, options);
    for (const index of indexes) expect([stage, index.walk(rootIds, direction, options)]).toEqual([stage, expected]);
  }
  for (const { from, to } of pairs) {
    for (const index of indexes) {
      expect([stage, index.reaches(from, to)]).toEqual([stage, reference.reaches(from, to)]);
      expect([stage, index.shortestPathUp(from, to, 100)]).toEqual([stage, reference.shortestPathUp(from, to, 100)]);
    }
  }
}

describe('LineageIndex updated in place', () => {
  it(`answers like a full rebuild after adds and retractions, before and after compaction (${GRAPHS} graphs)`, () => {
    fc.assert(
      fc.property(cases, ({ g, order, loadedCount, earlyPick, beforeTheirEdgesPick, walks, pairs }) => {
        const loaded = order.slice(0, loadedCount);
        const later = order.slice(loadedCount);
        const retractedEarly = earlyPick.filter((id) => loaded.some((e) => e.id === id));
        const live = new LineageIndexBuilder();
        loaded.forEach((e) => live.addEdge(e));
        const index = live.addRetractions(retractedEarly).build();

        const pending = g.retracted.filter((id) => !retractedEarly.includes(id));
        const beforeTheirEdges = pending.filter((id) => beforeTheirEdgesPick.includes(id));
        beforeTheirEdges.forEach((id) => index.retractEdge(id));
        expect(later.map((e) => index.addEdge(e))).toEqual(later.map(() => true));
        pending.filter((id) => !beforeTheirEdges.includes(id)).forEach((id) => index.retractEdge(id));
        // Adding any edge a second time changes nothing (an empty graph has none to repeat).
        expect(g.edges.map((e) => index.addEdge(e))).toEqual(g.edges.map(() => false));

        const rebuilt = fullBuild(g);
        expect(index.stats()).toMatchObject({ edges: g.edges.length, retractedEdges: g.retracted.length, deltaEdges: later.length });
        expectSameAnswers(g, walks, pairs, [index, rebuilt], 'with a delta');
        index.compact();
        expect(index.stats()).toMatchObject({ edges: g.edges.length, retractedEdges: g.retracted.length, deltaEdges: 0 });
        expectSameAnswers(g, walks, pairs, [index], 'compacted');
      }),
      propertyOptions(GRAPHS),
    );
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
