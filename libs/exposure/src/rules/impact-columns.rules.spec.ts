import { EdgeRef, Relation } from '@pedigree/core';
import { impactOfColumns } from './impact-columns.rules';
import { impactOf } from './impact.rules';

const RELATIONS = Object.values(Relation);
const USED = [
  Relation.FINETUNE,
  Relation.MERGE,
  Relation.QUANTIZATION,
  Relation.DISTILLATION,
  Relation.TRAINED_ON,
  Relation.GENERATED_BY,
  Relation.CHECKPOINT_OF,
  Relation.AUXILIARY,
];

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Descendants of the roots, as the lineage graph's walk would give them: nodes by (depth, id), edges by id. */
function columnsOf(rootIds: string[], edges: EdgeRef[]) {
  const depth = new Map(rootIds.map((r) => [r, 0]));
  let frontier = [...rootIds];
  const used: EdgeRef[] = [];
  for (let d = 1; frontier.length; d++) {
    const next: string[] = [];
    for (const e of edges) {
      if (!frontier.includes(e.sourceId)) continue;
      used.push(e);
      if (depth.has(e.derivedId)) continue;
      depth.set(e.derivedId, d);
      next.push(e.derivedId);
    }
    frontier = next;
  }
  const nodes = [...depth].sort((a, b) => a[1] - b[1] || Number(a[0]) - Number(b[0]));
  const es = [...new Map(used.map((e) => [e.id, e])).values()].sort((a, b) => Number(a.id) - Number(b.id));
  return {
    edges: es,
    columns: {
      nodeIds: Float64Array.from(nodes, ([id]) => Number(id)),
      depths: Int32Array.from(nodes, ([, d]) => d),
      edgeIds: Float64Array.from(es, (e) => Number(e.id)),
      relations: Uint8Array.from(es, (e) => RELATIONS.indexOf(e.relation)),
      derivedRows: Int32Array.from(es, (e) => nodes.findIndex(([id]) => id === e.derivedId)),
      sourceRows: Int32Array.from(es, (e) => nodes.findIndex(([id]) => id === e.sourceId)),
    },
  };
}

describe('impactOfColumns answers exactly as impactOf', () => {
  it.each(Array.from({ length: 150 }, (_, i) => i + 1))('random DAG %i', (seed) => {
    const rand = prng(seed);
    const n = 5 + Math.floor(rand() * 60);
    const edges: EdgeRef[] = [];
    for (let d = 1; d < n; d++) {
      for (let p = 0, parents = 1 + Math.floor(rand() * 3); p < parents; p++) {
        edges.push({
          id: String(edges.length + 1),
          derivedId: String(d),
          sourceId: String(Math.floor(rand() * d)),
          relation: USED[Math.floor(rand() * USED.length)],
        });
      }
    }
    // Shuffle ids so id order differs from creation order.
    const ids = edges.map((e) => e.id).sort(() => rand() - 0.5);
    edges.forEach((e, i) => (e.id = ids[i]));
    const roots = rand() < 0.3 ? ['0', String(Math.floor(rand() * n))] : [String(Math.floor(rand() * Math.min(n, 5)))];
    const { edges: walked, columns } = columnsOf([...new Set(roots)], edges);
    const expected = impactOf([...new Set(roots)], walked);
    const actual = impactOfColumns([...new Set(roots)], columns);
    expect(actual.affectedCount).toBe(expected.affected.length);
    expect(actual.affected(0, actual.affectedCount)).toEqual(expected.affected);
    expect(actual.affected(1, 3)).toEqual(expected.affected.slice(1, 3));
    expect(actual.byKind).toEqual(expected.byKind);
    expect(actual.byRelation).toEqual(expected.byRelation);
    const rows = actual.locate(expected.affected.map((a) => a.id));
    expect(rows.size).toBe(expected.affected.length);
    for (const a of expected.affected) expect(actual.pathTo(rows.get(a.id)!)).toEqual(expected.pathTo(a.id));
    expect(actual.locate([roots[0], '999999']).size).toBe(1);
  });
});
