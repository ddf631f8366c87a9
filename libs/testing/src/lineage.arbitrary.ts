import { Direction, EdgeRef, Relation, WalkOptions } from '@pedigree/core';
import fc from 'fast-check';
import { UNKNOWN_ID } from './lineage-graph.contract';

/**
 * fast-check arbitraries for lineage graphs and the queries asked of them, for comparing a
 * LineageGraph implementation with the CTE reference. A failure shrinks to a small graph and
 * prints a seed and path that replay it (see `propertyOptions`).
 */

export interface RandomLineage {
  nodeIds: string[];
  edges: EdgeRef[];
  retracted: string[];
}

export interface WalkQuery {
  rootIds: string[];
  direction: Direction;
  options: WalkOptions;
}

const RELATIONS: readonly Relation[] = Object.values(Relation);

/** n distinct ids: a dense run (from a small start) or sparse and large, so hashing and ordering are both exercised. */
function distinctIds(n: number): fc.Arbitrary<string[]> {
  const sparse = fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 52 }), { minLength: n, maxLength: n });
  const dense = fc
    .tuple(fc.integer({ min: 1, max: 1000 }), fc.uniqueArray(fc.nat({ max: Math.max(0, n * 3 - 1) }), { minLength: n, maxLength: n }))
    .map(([start, offsets]) => offsets.map((o) => start + o));
  return fc.oneof(dense, sparse).map((ids) => ids.map(String));
}

/** An edge from a later node to an earlier one, in array order: always a DAG edge. */
const dagEdge = (n: number) =>
  fc.record({ source: fc.nat({ max: n - 2 }), offset: fc.nat(), relation: fc.nat(), retracted: fc.integer({ min: 0, max: 99 }) }).map((e) => ({
    source: e.source,
    derived: e.source + 1 + (e.offset % (n - e.source - 1)),
    relation: e.relation,
    retracted: e.retracted >= 85,
  }));

/**
 * A back-edge from an earlier node to one of the last two: it closes a cycle, which corrupt data
 * may hold. Never a self-loop, which the lineage_edge table refuses outright.
 */
const backEdge = (n: number) =>
  fc.record({ derived: fc.nat({ max: n - 2 }), last: fc.boolean(), relation: fc.nat() }).map((e) => ({
    derived: e.derived,
    source: e.last || e.derived >= n - 2 ? n - 1 : n - 2,
    relation: e.relation,
    retracted: false,
  }));

/**
 * A DAG over nodes in array order (edges point from a later node to an earlier source), with
 * parallel edges, up to four of `relations`, retractions and, in about one graph in four, back-edges that close cycles.
 */
export function lineageArbitrary({
  maxNodes = 41,
  relations = RELATIONS,
}: { maxNodes?: number; relations?: readonly Relation[] } = {}): fc.Arbitrary<RandomLineage> {
  return fc.integer({ min: 2, max: maxNodes }).chain((n) =>
    fc
      .record({
        nodeIds: distinctIds(n),
        relations: fc.subarray([...relations], { minLength: 1, maxLength: 4 }),
        edges: fc.array(dagEdge(n), { maxLength: n * 3 }),
        back: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(backEdge(n), { minLength: 1, maxLength: 3 }) }),
      })
      .chain(({ nodeIds, relations, edges, back }) => {
        const all = [...edges, ...back];
        return distinctIds(all.length).map((edgeIds) => {
          const out: EdgeRef[] = all.map((e, k) => ({
            id: edgeIds[k],
            derivedId: nodeIds[e.derived],
            sourceId: nodeIds[e.source],
            relation: relations[e.relation % relations.length],
          }));
          return { nodeIds, edges: out, retracted: out.filter((_, k) => all[k].retracted).map((e) => e.id) };
        });
      }),
  );
}

/** A walk over `g`: one to three roots (sometimes an unknown id), either direction, a depth and a relation filter. */
export function walkQueryArbitrary(g: RandomLineage): fc.Arbitrary<WalkQuery> {
  const used = [...new Set(g.edges.map((e) => e.relation))];
  const root = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...g.nodeIds) }, { weight: 1, arbitrary: fc.constant(UNKNOWN_ID) });
  return fc.record({
    rootIds: fc.array(root, { minLength: 1, maxLength: 3 }),
    direction: fc.constantFrom(Direction.ANCESTORS, Direction.DESCENDANTS),
    options: fc.record({
      maxDepth: fc.constantFrom(0, 1, 2, 3, 4, 6, 100),
      relations: fc.oneof(fc.constant([] as Relation[]), fc.subarray(used)),
      includeRetracted: fc.integer({ min: 0, max: 9 }).map((x) => x >= 7),
    }),
  });
}

/** Two nodes of `g` and a depth bound, for reaches and shortestPathUp. */
export function nodePairArbitrary(g: RandomLineage): fc.Arbitrary<{ from: string; to: string; maxDepth: number }> {
  return fc.record({ from: fc.constantFrom(...g.nodeIds), to: fc.constantFrom(...g.nodeIds), maxDepth: fc.constantFrom(1, 2, 3, 100) });
}
