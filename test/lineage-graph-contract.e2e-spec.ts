import { Client } from 'pg';
import { Relation } from '@pedigree/core';
import fc from 'fast-check';
import {
  describeLineageGraphContract,
  lineageArbitrary,
  nodePairArbitrary,
  propertyOptions,
  RandomLineage,
  RegistryProcess,
  startRegistry,
  walkQueryArbitrary,
} from '@pedigree/testing';
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
  // Both answer for past moments: the CTE itself, the index by handing a past walk to the CTE.
  describeLineageGraphContract(
    mode === 'cte' ? 'CteLineageGraph (PostgreSQL)' : 'InMemoryLineageGraph (loaded from PostgreSQL)',
    async (fixture) => {
      const ids = await insertFixture(sql, fixture);
      await graphs[mode]!.sync();
      return { graph: graphs[mode]!, ...ids };
    },
    { asOf: true },
  );
}

/** Relations any two models may have; the fixture writes straight into the tables, past the endpoint checks. */
const RELATIONS = [Relation.FINETUNE, Relation.MERGE, Relation.QUANTIZATION, Relation.ADAPTER, Relation.DISTILLATION, Relation.AUXILIARY];
const GRAPHS = 40;

const cases = lineageArbitrary({ maxNodes: 80, relations: RELATIONS }).chain((g) =>
  fc.record({
    g: fc.constant(g),
    walks: fc.array(walkQueryArbitrary(g), { minLength: 1, maxLength: 25 }),
    pairs: fc.array(nodePairArbitrary(g), { minLength: 1, maxLength: 10 }),
  }),
);

/** The same graph as fixture rows: nodes `n<i>`, edges `e<k>`. */
function asFixture(g: RandomLineage) {
  const nodeKey = new Map(g.nodeIds.map((id, i) => [id, `n${i}`]));
  const edgeKey = new Map(g.edges.map((e, k) => [e.id, `e${k}`]));
  return {
    nodeKey,
    rows: {
      nodes: g.nodeIds.map((id) => ({ key: nodeKey.get(id)!, kind: 'MODEL' })),
      edges: g.edges.map((e) => ({ key: edgeKey.get(e.id)!, derived: nodeKey.get(e.derivedId)!, source: nodeKey.get(e.sourceId)!, relation: e.relation })),
      retracted: g.retracted.map((id) => edgeKey.get(id)!),
    },
  };
}

describe('randomized: the in-memory index answers exactly as the recursive CTE', () => {
  it(`agrees on ${GRAPHS} random graphs (shrinks a failure; replay with PEDIGREE_FC_SEED and PEDIGREE_FC_PATH)`, async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ g, walks, pairs }) => {
        const { nodeKey, rows } = asFixture(g);
        const { nodeIds } = await insertFixture(sql, rows);
        await graphs.memory!.sync();
        // Ids the database gave the nodes; an id the graph does not hold stays unknown.
        const db = (id: string) => (nodeKey.has(id) ? nodeIds[nodeKey.get(id)!] : id);
        for (const { rootIds, direction, options } of walks) {
          const roots = rootIds.map(db);
          const [a, b] = await Promise.all([graphs.cte!.walk(roots, direction, options), graphs.memory!.walk(roots, direction, options)]);
          expect(b).toEqual(a);
          const [ca, cb] = await Promise.all([graphs.cte!.walkColumns(roots, direction, options), graphs.memory!.walkColumns(roots, direction, options)]);
          expect(cb).toEqual(ca);
          expect(ca.nodeIds.map(String)).toEqual(a.nodes.map((n: { id: string }) => n.id));
        }
        for (const { from, to, maxDepth } of pairs) {
          const [x, y] = [db(from), db(to)];
          expect(await graphs.memory!.reaches(x, y)).toBe(await graphs.cte!.reaches(x, y));
          expect(await graphs.memory!.shortestPathUp(x, y, maxDepth)).toEqual(await graphs.cte!.shortestPathUp(x, y, maxDepth));
        }
      }),
      propertyOptions(GRAPHS),
    );
  });
});
