import { Client } from 'pg';
import { Direction, Relation } from '@pedigree/core';
import { describeLineageGraphContract, RegistryProcess, startRegistry } from '@pedigree/testing';
import { GraphMode, HarnessGraph, insertFixture } from './support/lineage-graph-harness';

/**
 * The same contract the in-memory index passes in its unit tests, run here against both
 * implementations as the registry builds them: the recursive CTE, and the in-memory index
 * loaded from PostgreSQL and kept fresh by the change feed (fixtures arrive after it started).
 */
let registry: RegistryProcess;
let sql: Client;
const graphs: Partial<Record<GraphMode, HarnessGraph>> = {};

beforeAll(async () => {
  registry = await startRegistry();
  sql = new Client({ connectionString: registry.databaseUrl });
  await sql.connect();
  [graphs.cte, graphs.memory] = await Promise.all([HarnessGraph.start(registry.databaseUrl, 'cte'), HarnessGraph.start(registry.databaseUrl, 'memory')]);
});

afterAll(async () => {
  await Promise.all(Object.values(graphs).map((g) => g?.stop()));
  await sql?.end();
  await registry?.stop();
});

for (const mode of ['cte', 'memory'] as const) {
  describeLineageGraphContract(mode === 'cte' ? 'CteLineageGraph (PostgreSQL)' : 'InMemoryLineageGraph (loaded from PostgreSQL)', async (fixture) => {
    const ids = await insertFixture(sql, fixture);
    await graphs[mode]!.sync();
    return { graph: graphs[mode]!, ...ids };
  });
}

/** Small seeded PRNG (mulberry32) so a failure names a seed that reproduces it. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RELATIONS = [Relation.FINETUNE, Relation.MERGE, Relation.QUANTIZATION, Relation.ADAPTER, Relation.DISTILLATION];

describe('randomized: the in-memory index answers exactly as the recursive CTE', () => {
  it.each(Array.from({ length: 12 }, (_, i) => 1000 + i))('random DAG, seed %i', async (seed) => {
    const rand = prng(seed);
    const n = 20 + Math.floor(rand() * 60);
    const nodes = Array.from({ length: n }, (_, i) => ({ key: `n${i}`, kind: 'MODEL' }));
    const edges: { key: string; derived: string; source: string; relation: string }[] = [];
    for (let d = 1; d < n; d++) {
      const parents = rand() < 0.1 ? 2 + Math.floor(rand() * 6) : 1 + Math.floor(rand() * 2);
      for (let p = 0; p < parents; p++) {
        const s = Math.floor(Math.pow(rand(), 1.5) * d);
        edges.push({ key: `e${edges.length}`, derived: `n${d}`, source: `n${s}`, relation: RELATIONS[Math.floor(rand() * RELATIONS.length)] });
      }
    }
    // Corrupt data the writer would refuse: a back-edge closing a cycle. Walks must still end.
    if (rand() < 0.3) edges.push({ key: `e${edges.length}`, derived: 'n0', source: `n${n - 1}`, relation: Relation.FINETUNE });
    const retracted = edges.filter(() => rand() < 0.08).map((e) => e.key);
    const { nodeIds } = await insertFixture(sql, { nodes, edges, retracted });
    await graphs.memory!.sync();

    for (let q = 0; q < 25; q++) {
      const roots = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => nodeIds[`n${Math.floor(rand() * n)}`]);
      const direction = rand() < 0.5 ? Direction.ANCESTORS : Direction.DESCENDANTS;
      const options = {
        maxDepth: Math.floor(rand() * 8),
        relations: rand() < 0.3 ? RELATIONS.filter(() => rand() < 0.5) : [],
        includeRetracted: rand() < 0.2,
      };
      const [a, b] = await Promise.all([graphs.cte!.walk(roots, direction, options), graphs.memory!.walk(roots, direction, options)]);
      expect({ seed, q, ...b }).toEqual({ seed, q, ...a });
      const [ca, cb] = await Promise.all([graphs.cte!.walkColumns(roots, direction, options), graphs.memory!.walkColumns(roots, direction, options)]);
      expect({ seed, q, ...cb }).toEqual({ seed, q, ...ca });
      expect(ca.nodeIds.map(String)).toEqual(a.nodes.map((n: { id: string }) => n.id));
      const [x, y] = [roots[0], nodeIds[`n${Math.floor(rand() * n)}`]];
      expect(await graphs.memory!.reaches(x, y)).toBe(await graphs.cte!.reaches(x, y));
      expect(await graphs.memory!.shortestPathUp(x, y, 10)).toEqual(await graphs.cte!.shortestPathUp(x, y, 10));
    }
  });
});
