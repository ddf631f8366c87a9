import { EdgeRef } from '@pedigree/core';
import { exposureDagArbitrary, propertyOptions } from '@pedigree/testing';
import fc from 'fast-check';
import { AncestryGraph, breadthFirst, upEdges } from './ancestry-graph';
import { changesAbove, differenceAround, EdgeChange, toggle } from './edge-toggle';
import { buildGraph, NodeSpec } from './graph-builder';

const edgeOf = (graph: AncestryGraph, edgeText: string) => {
  const [derived, source] = edgeText.split('>').map((s) => s.trim());
  return graph.edges.find((e) => e.derivedId === derived && e.sourceId === source)!;
};

/** The union as the worker loads it: every node and edge, the changed ones included. */
function around(graph: AncestryGraph, edgeText: string, change: EdgeChange = 'RETRACTED') {
  return toggle(graph.nodes, graph.edges, new Map(), [{ change, edge: edgeOf(graph, edgeText) }]);
}

const NODES: Record<string, NodeSpec> = {
  ft: { vendor: 'acme', country: 'FR' },
  cnBase: { vendor: 'qwen', country: 'CN' },
  usBase: { vendor: 'meta', country: 'US' },
  teacher: { vendor: 'openai', country: 'US' },
  child: { vendor: 'acme', country: 'FR' },
  mirror: { vendor: 'qwen', country: 'CN' },
  mystery: { vendor: 'unknown-lab', country: null },
};

const path = (...steps: [string, string | null][]) => steps.map(([key, relation]) => ({ type: 'MODEL', id: key, key, relation }));

describe('exposureDifference around one edge', () => {
  const graph = buildGraph('ft', NODES, ['ft > cnBase : MERGE', 'ft > usBase : MERGE', 'ft > teacher : DISTILLATION', 'child > ft : FINETUNE']);

  it('a retracted weight edge removes its country and vendor, and leaves the other base unavoidable', () => {
    expect(differenceAround(around(graph, 'ft > cnBase'), 'ft')).toEqual({
      added: {
        countries: [],
        vendors: [],
        unavoidableVendors: [
          { vendor: { id: 'meta', slug: 'meta', name: 'meta', country: 'US' }, path: path(['ft', null], ['usBase', 'MERGE']), dependency: null },
        ],
        teachers: [],
      },
      removed: {
        countries: [{ country: 'CN', path: path(['ft', null], ['cnBase', 'MERGE']), dependency: null }],
        vendors: [{ vendor: { id: 'qwen', slug: 'qwen', name: 'qwen', country: 'CN' }, path: path(['ft', null], ['cnBase', 'MERGE']), dependency: null }],
        unavoidableVendors: [],
        teachers: [],
      },
      before: { countries: ['CN', 'US'], vendors: ['meta', 'openai', 'qwen'], unavoidableVendors: [], teachers: ['teacher'] },
      after: { countries: ['US'], vendors: ['meta', 'openai'], unavoidableVendors: ['meta'], teachers: ['teacher'] },
    });
  });

  it('a descendant loses the same, explained through the node the edge hung under', () => {
    const d = differenceAround(around(graph, 'ft > cnBase'), 'child')!;
    expect(d.removed.countries).toEqual([{ country: 'CN', path: path(['child', null], ['ft', 'FINETUNE'], ['cnBase', 'MERGE']), dependency: null }]);
    expect(d.removed.vendors.map((v) => v.vendor.slug)).toEqual(['qwen']);
  });

  it('an asserted edge adds what the retraction of the same edge removes', () => {
    const retracted = differenceAround(around(graph, 'ft > cnBase'), 'ft')!;
    const asserted = differenceAround(around(graph, 'ft > cnBase', 'ASSERTED'), 'ft')!;
    expect(asserted.added).toEqual(retracted.removed);
    expect(asserted.removed).toEqual(retracted.added);
    expect(asserted.before).toEqual(retracted.after);
  });

  it('a retracted teacher edge removes the teacher (its vendor stays only if reached otherwise)', () => {
    const d = differenceAround(around(graph, 'ft > teacher'), 'ft')!;
    expect(d.removed.teachers).toEqual([
      {
        teacher: { type: 'MODEL', id: 'teacher', key: 'teacher' },
        channels: ['TEACHER'],
        path: path(['ft', null], ['teacher', 'DISTILLATION']),
        dependency: null,
      },
    ]);
    expect(d.removed.vendors.map((v) => v.vendor.slug)).toEqual(['openai']);
    expect(d.removed.countries).toEqual([]);
  });

  it('a redundant route changes nothing: no difference at all', () => {
    const redundant = buildGraph('ft', NODES, ['ft > cnBase : FINETUNE', 'ft > mirror : MERGE', 'mirror > cnBase : FINETUNE']);
    expect(differenceAround(around(redundant, 'ft > cnBase'), 'ft')).toBeNull();
  });

  it('edges of one transaction are judged together: two new routes to one vendor report its arrival once', () => {
    const g = buildGraph('ft', NODES, ['ft > cnBase : MERGE', 'ft > mirror : MERGE', 'child > ft : FINETUNE']);
    const changes = [
      { change: 'ASSERTED' as const, edge: edgeOf(g, 'ft > cnBase') },
      { change: 'ASSERTED' as const, edge: edgeOf(g, 'ft > mirror') },
    ];
    // Each alone looks redundant, as the other one also brings qwen and CN.
    expect(differenceAround(toggle(g.nodes, g.edges, new Map(), [changes[0]]), 'ft')).toBeNull();
    const together = differenceAround(toggle(g.nodes, g.edges, new Map(), changes), 'ft')!;
    expect(together.added.countries.map((c) => c.country)).toEqual(['CN']);
    expect(together.added.vendors.map((v) => v.vendor.slug)).toEqual(['qwen']);
    expect(together.before.countries).toEqual([]);
  });

  it('an event names only the changes under its subject or its ancestors', () => {
    const g = buildGraph('child', NODES, ['child > ft : FINETUNE', 'ft > cnBase : MERGE', 'mirror > usBase : MERGE']);
    const changes = [
      { change: 'ASSERTED' as const, edge: edgeOf(g, 'ft > cnBase') },
      { change: 'ASSERTED' as const, edge: edgeOf(g, 'mirror > usBase') },
    ];
    const union = toggle(g.nodes, g.edges, new Map(), changes);
    const under = new Map(changes.map((c) => [c.edge.derivedId, [c.edge.id]]));
    expect(changesAbove(union, 'child', under)).toEqual([changes[0].edge.id]);
    expect(changesAbove(union, 'mirror', under)).toEqual([changes[1].edge.id]);
  });

  it('an edge asserted and retracted by one transaction changes nothing', () => {
    const edge = edgeOf(graph, 'ft > cnBase');
    const both = toggle(graph.nodes, graph.edges, new Map(), [
      { change: 'ASSERTED', edge },
      { change: 'RETRACTED', edge },
    ]);
    expect(differenceAround(both, 'ft')).toBeNull();
  });

  it('unknown country is a member like any other, listed last', () => {
    const g = buildGraph('ft', NODES, ['ft > mystery : MERGE', 'ft > cnBase : MERGE']);
    const d = differenceAround(around(g, 'ft > mystery'), 'ft')!;
    expect(d.before.countries).toEqual(['CN', null]);
    expect(d.removed.countries.map((c) => c.country)).toEqual([null]);
  });
});

/**
 * The worker skips the descendants when the node the edge hangs under keeps its four sets: whatever
 * a descendant gains or loses through the edge, it reaches through that node. Checked here on
 * random ancestries for every edge and every node between the subject and the edge.
 */
describe('exposure change below an unchanged node', () => {
  it('no descendant changes when the edge’s own node does not', () => {
    fc.assert(
      fc.property(
        exposureDagArbitrary().filter((g) => g.edges.length > 0 && !g.edges.some((e) => e.sourceId === g.rootId)),
        fc.nat(),
        fc.constantFrom<EdgeChange>('ASSERTED', 'RETRACTED'),
        (dag, pick, change) => {
          const graph: AncestryGraph = dag;
          const edge: EdgeRef = graph.edges[pick % graph.edges.length];
          const union = toggle(graph.nodes, graph.edges, new Map(), [{ change, edge }]);
          if (differenceAround(union, edge.derivedId)) return;
          const reached = breadthFirst(graph.rootId, upEdges(graph.edges));
          for (const id of graph.nodes.keys()) {
            const withEdge = change === 'ASSERTED' ? union.after : union.before;
            if (!reached.depth.has(id) || !breadthFirst(id, withEdge).depth.has(edge.derivedId)) continue;
            expect(differenceAround(union, id)).toBeNull();
          }
        },
      ),
      propertyOptions(300),
    );
  });
});

/** The same for one transaction's several changes: only descendants of a changed node can change. */
describe('exposure change of one transaction below unchanged nodes', () => {
  it('no node changes unless it reaches an edge’s node that changed', () => {
    fc.assert(
      fc.property(
        exposureDagArbitrary().filter((g) => g.edges.length > 1 && !g.edges.some((e) => e.sourceId === g.rootId)),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom<EdgeChange>('ASSERTED', 'RETRACTED')), { minLength: 2, maxLength: 4 }),
        (dag, picks) => {
          const graph: AncestryGraph = dag;
          const changes = picks.map(([i, change]) => ({ change, edge: graph.edges[i % graph.edges.length] }));
          const union = toggle(graph.nodes, graph.edges, new Map(), changes);
          const roots = [...new Set(changes.map((c) => c.edge.derivedId))];
          const changed = roots.filter((id) => differenceAround(union, id));
          const reaches = (id: string, targets: string[]) =>
            [union.before, union.after].some((up) => {
              const depth = breadthFirst(id, up).depth;
              return targets.some((t) => depth.has(t));
            });
          for (const id of graph.nodes.keys()) {
            if (!reaches(id, roots) || reaches(id, changed)) continue;
            expect(differenceAround(union, id)).toBeNull();
          }
        },
      ),
      propertyOptions(300),
    );
  });
});
