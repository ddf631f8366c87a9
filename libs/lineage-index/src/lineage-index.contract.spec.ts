import { EdgeRef } from '@pedigree/core';
import { CteReference, describeLineageGraphContract, LineageFixture } from '@pedigree/testing';
import { LineageIndex } from './lineage-index';
import { LineageIndexBuilder } from './lineage-index.builder';

/**
 * Ids deliberately out of fixture order (and beyond 2^32) so that the contract's ordering checks
 * test the index's sorting rather than the insertion order.
 */
function assignIds(fixture: LineageFixture) {
  const scramble = (i: number, n: number) => String(5_000_000_000 + ((i * 7 + 3) % (n + 11)) * 1_000 + i);
  const nodeIds = Object.fromEntries(fixture.nodes.map((n, i) => [n.key, scramble(i, fixture.nodes.length)]));
  const edgeIds = Object.fromEntries(fixture.edges.map((e, i) => [e.key, scramble(i, fixture.edges.length)]));
  const edges: EdgeRef[] = fixture.edges.map((e) => ({
    id: edgeIds[e.key],
    derivedId: nodeIds[e.derived],
    sourceId: nodeIds[e.source],
    relation: e.relation,
  }));
  return { nodeIds, edgeIds, edges, retracted: fixture.retracted.map((key) => edgeIds[key]) };
}

describeLineageGraphContract('LineageIndex built in bulk', (fixture) => {
  const { nodeIds, edgeIds, edges, retracted } = assignIds(fixture);
  const builder = new LineageIndexBuilder().addRetractions(retracted);
  for (const e of edges) builder.addEdge(e);
  return { graph: builder.build(), nodeIds, edgeIds };
});

describeLineageGraphContract('LineageIndex filled edge by edge (delta only)', (fixture) => {
  const { nodeIds, edgeIds, edges, retracted } = assignIds(fixture);
  const index = new LineageIndex();
  retracted.slice(0, 1).forEach((id) => index.retractEdge(id)); // before its edge arrives
  edges.forEach((e) => index.addEdge(e));
  retracted.slice(1).forEach((id) => index.retractEdge(id));
  return { graph: index, nodeIds, edgeIds };
});

describeLineageGraphContract('LineageIndex after compaction', (fixture) => {
  const { nodeIds, edgeIds, edges, retracted } = assignIds(fixture);
  const index = new LineageIndex();
  edges.forEach((e) => index.addEdge(e));
  index.compact();
  retracted.forEach((id) => index.retractEdge(id));
  return { graph: index, nodeIds, edgeIds };
});

// The oracle the randomized specs trust must itself pass the contract the SQL passes.
describeLineageGraphContract('CteReference (a literal replay of the recursive CTE)', (fixture) => {
  const { nodeIds, edgeIds, edges, retracted } = assignIds(fixture);
  return { graph: new CteReference(edges, retracted), nodeIds, edgeIds };
});
