import { CteReference } from './cte-reference';
import { IndexSubgraph, RELATION_BY_CODE, WalkColumns } from './index';
import { LineageIndex } from './lineage-index';
import { LineageIndexBuilder } from './lineage-index.builder';
import { int, pick, prng, Random, randomLineage, RandomLineage, randomWalkQuery } from './random-lineage';

// Reproduce a failure with LINEAGE_INDEX_SEED=<seed printed in the message>.
const FIRST_SEED = Number(process.env.LINEAGE_INDEX_SEED ?? 1);
const GRAPHS = process.env.LINEAGE_INDEX_SEED ? 1 : 300;

/** Loads in random batches, with retractions before or after the edges they name. */
function buildInBatches(rand: Random, g: RandomLineage): LineageIndex {
  const builder = new LineageIndexBuilder();
  const early = g.retracted.filter(() => rand() < 0.5);
  builder.addRetractions(early);
  for (let at = 0; at < g.edges.length; ) {
    const batch = g.edges.slice(at, (at += 1 + int(rand, 8)));
    builder.addEdges({
      ids: batch.map((e) => e.id),
      derivedIds: batch.map((e) => Number(e.derivedId)),
      sourceIds: batch.map((e) => e.sourceId),
      relations: batch.map((e) => e.relation),
    });
  }
  builder.addNodes(g.nodeIds.filter(() => rand() < 0.2));
  return builder.addRetractions(g.retracted.filter((id) => !early.includes(id))).build();
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
    for (let seed = FIRST_SEED; seed < FIRST_SEED + GRAPHS; seed++) {
      const rand = prng(seed);
      const g = randomLineage(rand);
      const reference = new CteReference(g.edges, g.retracted);
      const index = buildInBatches(rand, g);
      let step = '';
      try {
        for (let q = 0; q < 8; q++) {
          const { rootIds, direction, options } = randomWalkQuery(rand, g);
          step = `walk(${JSON.stringify(rootIds)}, ${direction}, ${JSON.stringify(options)})`;
          const expected = reference.walk(rootIds, direction, options);
          expect(index.walk(rootIds, direction, options)).toEqual(expected);
          expect(fromColumns(index.walkColumns(rootIds, direction, options))).toEqual(withoutRoots(expected));
        }
        for (let q = 0; q < 6; q++) {
          const [from, to, maxDepth] = [pick(rand, g.nodeIds), pick(rand, g.nodeIds), pick(rand, [1, 2, 3, 100])];
          step = `reaches / shortestPathUp(${from}, ${to}, ${maxDepth})`;
          expect(index.reaches(from, to)).toBe(reference.reaches(from, to));
          expect(index.shortestPathUp(from, to, maxDepth)).toEqual(reference.shortestPathUp(from, to, maxDepth));
        }
      } catch (e) {
        throw new Error(`LINEAGE_INDEX_SEED=${seed}, ${step}:\n${(e as Error).message}`, { cause: e });
      }
    }
  });
});
