import { CteReference, lineageArbitrary, nodePairArbitrary, propertyOptions, RandomLineage, walkQueryArbitrary } from '@pedigree/testing';
import fc from 'fast-check';
import { IndexSubgraph, RELATION_BY_CODE, WalkColumns } from './index';
import { LineageIndex } from './lineage-index';
import { LineageIndexBuilder } from './lineage-index.builder';

const GRAPHS = 300;

/** How a graph is loaded: batch sizes, which retractions arrive before their edges, which nodes are added bare. */
const loadPlan = (g: RandomLineage) =>
  fc.record({
    batches: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: g.edges.length, maxLength: g.edges.length }),
    early: fc.subarray(g.retracted),
    bareNodes: fc.subarray(g.nodeIds, { maxLength: Math.ceil(g.nodeIds.length / 5) }),
  });

const cases = lineageArbitrary().chain((g) =>
  fc.record({
    g: fc.constant(g),
    plan: loadPlan(g),
    walks: fc.array(walkQueryArbitrary(g), { minLength: 1, maxLength: 8 }),
    pairs: fc.array(nodePairArbitrary(g), { minLength: 1, maxLength: 6 }),
  }),
);

/** Loads in batches, with retractions before or after the edges they name. */
function buildInBatches(g: RandomLineage, plan: { batches: number[]; early: string[]; bareNodes: string[] }): LineageIndex {
  const builder = new LineageIndexBuilder();
  builder.addRetractions(plan.early);
  for (let at = 0, b = 0; at < g.edges.length; b++) {
    const batch = g.edges.slice(at, (at += plan.batches[b]));
    builder.addEdges({
      ids: batch.map((e) => e.id),
      derivedIds: batch.map((e) => Number(e.derivedId)),
      sourceIds: batch.map((e) => e.sourceId),
      relations: batch.map((e) => e.relation),
    });
  }
  builder.addNodes(plan.bareNodes);
  return builder.addRetractions(g.retracted.filter((id) => !plan.early.includes(id))).build();
}

function fromColumns(c: WalkColumns) {
  return {
    nodes: Array.from(c.nodeIds, (id, i) => ({ id: String(id), depth: c.depths[i] })),
    edges: Array.from(c.edgeIds, (id, k) => ({
      id: String(id),
      derivedId: String(c.nodeIds[c.derivedRows[k]]),
      sourceId: String(c.nodeIds[c.sourceRows[k]]),
      relation: RELATION_BY_CODE[c.relations[k]],
    })),
    truncated: c.truncated,
  };
}

const withoutRoots = ({ rootIds: _, ...rest }: IndexSubgraph) => rest;

describe('LineageIndex against a literal replay of the recursive CTE', () => {
  it(`agrees on ${GRAPHS} random graphs: walks both ways, reaches, shortestPathUp`, () => {
    fc.assert(
      fc.property(cases, ({ g, plan, walks, pairs }) => {
        const reference = new CteReference(g.edges, g.retracted);
        const index = buildInBatches(g, plan);
        for (const { rootIds, direction, options } of walks) {
          const expected = reference.walk(rootIds, direction, options);
          expect(index.walk(rootIds, direction, options)).toEqual(expected);
          expect(fromColumns(index.walkColumns(rootIds, direction, options))).toEqual(withoutRoots(expected));
        }
        for (const { from, to, maxDepth } of pairs) {
          expect(index.reaches(from, to)).toBe(reference.reaches(from, to));
          expect(index.shortestPathUp(from, to, maxDepth)).toEqual(reference.shortestPathUp(from, to, maxDepth));
        }
      }),
      propertyOptions(GRAPHS),
    );
  });
});
