import { Direction, Relation } from '@pedigree/core';
import { LineageIndexBuilder } from './lineage-index.builder';
import { relationCode } from './relation-codes';

const NODES = 200_000;
const BASE = 1e12; // ids beyond 2^32, as a long-lived sequence would have
const id = (i: number) => String(BASE + i);

/**
 * 200k nodes, ~400k edges: node i is a FINETUNE of floor(i/2) (a binary tree) and a MERGE of i-1
 * (a long chain), so depths and counts are known in closed form. Edge ids are a permutation, so the
 * load takes the unsorted path. Kept small enough to run in every unit pass.
 */
function buildTreeAndChain() {
  const edges = 2 * (NODES - 1);
  const columns = {
    ids: new Float64Array(edges),
    derivedIds: new Float64Array(edges),
    sourceIds: new Float64Array(edges),
    relations: new Uint8Array(edges),
  };
  const [finetune, merge] = [relationCode(Relation.FINETUNE), relationCode(Relation.MERGE)];
  for (let i = 2, k = 0; i <= NODES; i++) {
    for (const [source, relation] of [
      [Math.floor(i / 2), finetune],
      [i - 1, merge],
    ]) {
      columns.ids[k] = BASE + ((k * 7_919) % edges);
      columns.derivedIds[k] = BASE + i;
      columns.sourceIds[k] = BASE + source;
      columns.relations[k++] = relation;
    }
  }
  return new LineageIndexBuilder({ nodes: NODES, edges }).addEdges(columns).build();
}

describe('LineageIndex at scale (smoke)', () => {
  const index = buildTreeAndChain();
  const all = { maxDepth: 100, relations: [] as Relation[], includeRetracted: false };

  it('walks every descendant of the root', () => {
    // As columns: the object form would spend most of this test making 600k id strings.
    const down = index.walkColumns([id(1)], Direction.DESCENDANTS, { ...all, maxDepth: 1_000_000 });
    expect(down.nodeIds).toHaveLength(NODES);
    expect(down.edgeIds).toHaveLength(2 * (NODES - 1));
    expect(down.truncated).toBe(false);
    expect([down.nodeIds[NODES - 1], down.depths[NODES - 1]]).toEqual([BASE + NODES, 17]);
    expect(down.edgeIds.every((e, k) => k === 0 || down.edgeIds[k - 1] < e)).toBe(true);
    expect(index.countReachable([id(1)], Direction.DESCENDANTS, all)).toBe(NODES);
  });

  it('follows one relation through the tree or the chain', () => {
    const tree = index.walk([id(1_000)], Direction.DESCENDANTS, { ...all, relations: [Relation.FINETUNE] });
    expect(tree.nodes).toHaveLength(255); // 1000's subtree: 1 + 2 + ... + 128, the next level would pass 200k
    expect(tree.nodes.slice(0, 4).map((n) => [n.id, n.depth])).toEqual([
      [id(1_000), 0],
      [id(2_000), 1],
      [id(2_001), 1],
      [id(4_000), 2],
    ]);
    expect(tree.truncated).toBe(false);
    expect(index.walkColumns([id(1)], Direction.DESCENDANTS, all).truncated).toBe(true);
    const chain = index.walk([id(NODES)], Direction.ANCESTORS, { ...all, relations: [Relation.MERGE] });
    expect(chain.nodes).toHaveLength(101);
    expect(chain.truncated).toBe(true);
    expect(index.countReachable([id(NODES)], Direction.ANCESTORS, { ...all, relations: [Relation.FINETUNE] })).toBe(18);
  });

  it('answers ancestry questions', () => {
    expect(index.reaches(id(NODES), id(1))).toBe(true);
    expect(index.reaches(id(1), id(2))).toBe(false);
    expect(index.shortestPathUp(id(NODES), id(1), 100)).toHaveLength(17);
  });
});
