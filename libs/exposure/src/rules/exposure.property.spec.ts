import { EdgeRef } from '@pedigree/core';
import { expectedExposure, exposureDagArbitrary, propertyOptions } from '@pedigree/testing';
import fc from 'fast-check';
import { AncestryGraph } from './ancestry-graph';
import { rollUpExposure } from './exposure.rollup';

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

const GRAPHS = 200;

describe('exposure rollup on random DAGs', () => {
  it(`reports every country, vendor, teacher and auxiliary model an independent reachability finds (${GRAPHS} graphs)`, () => {
    fc.assert(
      fc.property(exposureDagArbitrary(), (graph) => {
        const report = rollUpExposure(graph, new Map());
        const expected = expectedExposure(graph);
        const sorted = <T>(items: T[]) => [...items].sort((a, b) => String(a).localeCompare(String(b)));
        expect({
          countries: sorted(report.countries.map((c) => c.country)),
          vendorIds: sorted(report.vendors.map((v) => v.vendor.id)),
          teacherIds: sorted(report.distillationSources.map((d) => d.nodeId)),
          auxiliaryIds: sorted(report.auxiliaryModels.map((a) => a.nodeId)),
        }).toEqual(expected);
      }),
      propertyOptions(GRAPHS),
    );
  });

  it(`explains each with a real shortest path (${GRAPHS} graphs)`, () => {
    fc.assert(
      fc.property(exposureDagArbitrary(), (graph) => {
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
        for (const a of report.auxiliaryModels) {
          assertRealPath(graph, a.path, a.nodeId, a.depth);
          expect(a.path[a.path.length - 1].relation).toBe('AUXILIARY');
          expect(a.auxiliaryEdges.every((e) => e.relation === 'AUXILIARY' && e.sourceId === a.nodeId)).toBe(true);
        }
        for (const d of report.drift) {
          let at = d.derivedId;
          for (const e of d.path) {
            expect(e.derivedId).toBe(at);
            at = e.sourceId;
          }
          expect(at).toBe(d.ancestorId);
        }
      }),
      propertyOptions(GRAPHS),
    );
  });
});
