import { Direction, EdgeRef, Relation } from '@pedigree/core';
import { RELATIONS } from './relation-codes';
import { IndexWalkOptions } from './walk';

/** Test support: seeded graphs and queries for comparing the index with the CTE reference. */

export type Random = () => number;

/** mulberry32: tiny, seedable, good enough to pick test cases. */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rand: Random, n: number) => Math.floor(rand() * n);
export const pick = <T>(rand: Random, items: readonly T[]) => items[int(rand, items.length)];

export interface RandomLineage {
  nodeIds: string[];
  edges: EdgeRef[];
  retracted: string[];
}

/** Distinct ids: sometimes a dense sequence, sometimes sparse and large, so hashing and ordering are both exercised. */
function distinctIds(rand: Random, n: number): string[] {
  const ids = new Set<number>();
  const sparse = rand() < 0.5;
  const start = 1 + int(rand, 1000);
  while (ids.size < n) ids.add(sparse ? 1 + int(rand, 2 ** 52) : start + int(rand, n * 3));
  return [...ids].map(String);
}

/**
 * A DAG over nodes in array order (edges point from a later node to an earlier source), with
 * parallel edges, a few relations, retractions and, in some graphs, planted back-edges that close cycles.
 */
export function randomLineage(rand: Random): RandomLineage {
  const n = 2 + int(rand, 40);
  const nodeIds = distinctIds(rand, n);
  const relations = RELATIONS.filter(() => rand() < 0.4).slice(0, 4);
  if (relations.length === 0) relations.push(Relation.FINETUNE);
  const edgeCount = int(rand, n * 3);
  const edgeIds = distinctIds(rand, edgeCount + 3);
  const edges: EdgeRef[] = [];
  const add = (derived: number, source: number) =>
    edges.push({ id: edgeIds[edges.length], derivedId: nodeIds[derived], sourceId: nodeIds[source], relation: pick(rand, relations) });
  for (let k = 0; k < edgeCount; k++) {
    const a = int(rand, n - 1);
    add(a + 1 + int(rand, n - a - 1), a);
  }
  if (rand() < 0.25) for (let k = 1 + int(rand, 3); k > 0; k--) add(int(rand, n - 1), n - 1 - int(rand, 2));
  const retracted = edges.filter(() => rand() < 0.15).map((e) => e.id);
  return { nodeIds, edges, retracted };
}

export interface WalkQuery {
  rootIds: string[];
  direction: Direction;
  options: IndexWalkOptions;
}

export function randomWalkQuery(rand: Random, g: RandomLineage): WalkQuery {
  const rootIds = Array.from({ length: 1 + int(rand, 3) }, () => (rand() < 0.1 ? '9007199254740991' : pick(rand, g.nodeIds)));
  const used = [...new Set(g.edges.map((e) => e.relation))];
  const relations = rand() < 0.5 ? [] : used.filter(() => rand() < 0.5);
  return {
    rootIds,
    direction: rand() < 0.5 ? Direction.ANCESTORS : Direction.DESCENDANTS,
    options: { maxDepth: pick(rand, [0, 1, 2, 3, 4, 6, 100]), relations, includeRetracted: rand() < 0.3 },
  };
}
