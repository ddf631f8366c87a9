import { EdgeRef, Relation } from '@pedigree/core';
import { propertyOptions } from '@pedigree/testing';
import fc from 'fast-check';
import { EntryState, ExposureKind, step } from './exposure-kind';
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

/**
 * Organizations and countries: several target nodes, some below others (a base, its instruct
 * model, a distill taught by it). Edges run from a lower to a higher index; ids are shuffled so id
 * order differs from it.
 */
const multiTarget = fc
  .integer({ min: 2, max: 30 })
  .chain((n) =>
    fc.record({
      ids: fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => String(100 + i)),
        { minLength: n, maxLength: n },
      ),
      edges: fc.array(fc.record({ a: fc.nat(n - 1), b: fc.nat(n - 1), relation: fc.constantFrom(...USED) }), { maxLength: 3 * n }),
      roots: fc.uniqueArray(fc.nat(n - 1), { minLength: 2, maxLength: 6 }),
      unknownRoot: fc.boolean(),
    }),
  )
  .map(({ ids, edges, roots, unknownRoot }) => ({
    edges: edges
      .filter(({ a, b }) => a !== b)
      .map(({ a, b, relation }, k) => ({
        id: String(1000 + ((k * 7) % 97) * 100 + k),
        derivedId: ids[Math.max(a, b)],
        sourceId: ids[Math.min(a, b)],
        relation,
      })),
    roots: [...roots.map((i) => ids[i]), ...(unknownRoot ? ['999999'] : [])],
  }));

/**
 * The definition, independently of both rollups: a node is affected when some target node other
 * than itself reaches it; its depth is the fewest edges from such a node, and its kinds are every
 * state in which those reach it (one search over (node, state) pairs per target node).
 */
function definition(roots: string[], edges: EdgeRef[]) {
  const out = new Map<string, EdgeRef[]>();
  for (const e of edges) out.set(e.sourceId, [...(out.get(e.sourceId) ?? []), e]);
  const found = new Map<string, { depth: number; states: Set<EntryState> }>();
  for (const s of new Set(roots)) {
    const dist = new Map<string, number>();
    const seen = new Set<string>([`${s}|SELF`]);
    let frontier: [string, EntryState][] = [[s, 'SELF']];
    for (let d = 1; frontier.length; d++) {
      const next: [string, EntryState][] = [];
      for (const [id, state] of frontier) {
        for (const e of out.get(id) ?? []) {
          const st = step(state, e.relation);
          if (!dist.has(e.derivedId)) dist.set(e.derivedId, d);
          const key = `${e.derivedId}|${st}`;
          if (seen.has(key)) continue;
          seen.add(key);
          next.push([e.derivedId, st]);
        }
      }
      frontier = next;
    }
    for (const [id, d] of dist) {
      if (id === s) continue;
      const states = [...seen].filter((k) => k.startsWith(`${id}|`)).map((k) => k.split('|')[1] as EntryState);
      const f = found.get(id) ?? found.set(id, { depth: d, states: new Set() }).get(id)!;
      f.depth = Math.min(f.depth, d);
      states.forEach((x) => f.states.add(x));
    }
  }
  const kinds = (st: Set<EntryState>) =>
    [ExposureKind.WEIGHTS, ExposureKind.DISTILLATION, ExposureKind.TRAINING_DATA, ExposureKind.AUXILIARY].filter(
      (k) => st.has(k) || (k === ExposureKind.WEIGHTS && st.has('SELF')),
    );
  return [...found]
    .map(([id, f]) => ({ id, depth: f.depth, kinds: kinds(f.states), inTarget: roots.includes(id) }))
    .sort((a, b) => a.depth - b.depth || Number(a.id) - Number(b.id));
}

describe('impact of several target nodes, some below others', () => {
  it('lists every descendant of every target node, target nodes included, the same way in both rollups', () => {
    let withTargetsBelowTargets = 0;
    fc.assert(
      fc.property(multiTarget, ({ edges, roots }) => {
        const { edges: walked, columns } = columnsOf(roots, edges);
        const expected = impactOf(roots, walked);
        expect(expected.affected).toEqual(definition(roots, walked));
        const actual = impactOfColumns(roots, columns);
        expect(actual.affectedCount).toBe(expected.affected.length);
        expect(actual.affected(0, actual.affectedCount)).toEqual(expected.affected);
        // Every page boundary, as `affected(first, after)` asks for them.
        for (let from = 0; from < actual.affectedCount; from += 3) expect(actual.affected(from, from + 3)).toEqual(expected.affected.slice(from, from + 3));
        expect(actual.byKind).toEqual(expected.byKind);
        expect(actual.byRelation).toEqual(expected.byRelation);
        const rows = actual.locate(expected.affected.map((a) => a.id));
        for (const a of expected.affected) expect(actual.pathTo(rows.get(a.id)!)).toEqual(expected.pathTo(a.id));
        if (expected.affected.some((a) => a.inTarget)) withTargetsBelowTargets++;
      }),
      propertyOptions(200),
    );
    // The case this block is about must not be rare in what the arbitrary generates (a replay runs one case).
    expect(process.env.PEDIGREE_FC_SEED !== undefined || withTargetsBelowTargets > 40).toBe(true);
  });
});
