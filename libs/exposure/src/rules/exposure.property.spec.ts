import { EdgeRef, NodeKind, Relation } from '@pedigree/core';
import { AncestryGraph, ExposureNode } from './ancestry-graph';
import { rollUpExposure } from './exposure.rollup';

/** Small deterministic PRNG so a failing seed can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const RELATIONS = [Relation.FINETUNE, Relation.MERGE, Relation.ADAPTER, Relation.QUANTIZATION, Relation.DISTILLATION, Relation.TRAINED_ON, Relation.GENERATED_BY];

function randomDag(seed: number): AncestryGraph {
  const rand = rng(seed);
  const n = 3 + Math.floor(rand() * 40);
  const countries = ['US', 'CN', 'FR', 'GB', null];
  const nodes = new Map<string, ExposureNode>();
  for (let i = 0; i < n; i++) {
    const vendorIx = Math.floor(rand() * 6);
    const vendor = { id: `v${vendorIx}`, slug: `v${vendorIx}`, name: `v${vendorIx}`, country: countries[vendorIx % countries.length] };
    const kind = i > 0 && rand() < 0.15 ? NodeKind.DATASET : NodeKind.MODEL;
    nodes.set(String(i), { id: String(i), kind, name: `n${i}`, access: null, country: vendor.country, publisher: vendor, vendor, license: rand() < 0.5 ? 'MIT' : 'CC-BY-NC-4.0' });
  }
  const edges: EdgeRef[] = [];
  // Mostly lower-to-higher index (a DAG), with duplicates (merges) and, for some seeds, a back-edge:
  // the rules must still terminate and give real paths on corrupt data.
  for (let i = 0; i < n; i++) {
    const fanOut = Math.floor(rand() * 4);
    for (let k = 0; k < fanOut && i + 1 < n; k++) {
      const j = i + 1 + Math.floor(rand() * (n - i - 1));
      edges.push({ id: String(edges.length + 1), derivedId: String(i), sourceId: String(j), relation: RELATIONS[Math.floor(rand() * RELATIONS.length)] });
    }
  }
  if (seed % 5 === 0 && n > 3) edges.push({ id: String(edges.length + 1), derivedId: String(n - 1), sourceId: '0', relation: Relation.FINETUNE });
  return { rootId: '0', nodes, edges };
}

/** Reference distances by plain Bellman-Ford relaxation: independent of the BFS under test. */
function distances(graph: AncestryGraph): Map<string, number> {
  const d = new Map([[graph.rootId, 0]]);
  for (let round = 0; round < graph.nodes.size; round++) {
    for (const e of graph.edges) {
      const from = d.get(e.derivedId);
      if (from !== undefined && (d.get(e.sourceId) ?? Infinity) > from + 1) d.set(e.sourceId, from + 1);
    }
  }
  return d;
}

function assertRealPath(graph: AncestryGraph, path: EdgeRef[], target: string, depth: number) {
  const byId = new Map(graph.edges.map((e) => [e.id, e]));
  expect(path).toHaveLength(depth);
  let at = graph.rootId;
  for (const e of path) {
    expect(byId.get(e.id)).toEqual(e);
    expect(e.derivedId).toBe(at);
    at = e.sourceId;
  }
  expect(at).toBe(target);
}

describe('explanation paths on random DAGs', () => {
  it.each(Array.from({ length: 200 }, (_, i) => i + 1))('seed %i: every country, vendor and teacher path is a real shortest path', (seed) => {
    const graph = randomDag(seed);
    const report = rollUpExposure(graph, new Map());
    const dist = distances(graph);
    const nearest = (ids: string[]) => Math.min(...ids.map((id) => dist.get(id)!));
    const ancestors = [...graph.nodes.values()].filter((n) => n.id !== graph.rootId && dist.has(n.id));
    for (const c of report.countries) {
      assertRealPath(graph, c.path, c.nearestNodeId, c.nearestDepth);
      expect(graph.nodes.get(c.nearestNodeId)!.country).toBe(c.country);
      expect(c.nearestDepth).toBe(nearest(ancestors.filter((n) => n.country === c.country).map((n) => n.id)));
    }
    for (const v of report.vendors) {
      assertRealPath(graph, v.path, v.nearestNodeId, v.nearestDepth);
      expect(graph.nodes.get(v.nearestNodeId)!.vendor!.id).toBe(v.vendor.id);
      expect(v.nearestDepth).toBe(nearest(ancestors.filter((n) => n.vendor?.id === v.vendor.id).map((n) => n.id)));
    }
    for (const d of report.distillationSources) {
      assertRealPath(graph, d.path, d.nodeId, d.depth);
      expect(['DISTILLATION', 'GENERATED_BY']).toContain(d.path[d.path.length - 1].relation);
    }
    for (const d of report.drift) {
      let at = d.derivedId;
      for (const e of d.path) {
        expect(e.derivedId).toBe(at);
        at = e.sourceId;
      }
      expect(at).toBe(d.ancestorId);
    }
  });
});
