import { addWalk, edgeClassOf, emptyGraph, FANOUT_STEP, legendFor, OTHER_COLOUR, PALETTE, pathFromRoot, visibleGraph } from './graph-model';
import type { LineageEdgeFacts, LineageNodeFacts } from './lineage.queries';

const node = (id: string, country: string | null = 'US'): LineageNodeFacts => ({ id, name: `org/${id}`, kind: 'MODEL', country });
const edge = (id: string, sourceId: string, derivedId: string, relation = 'FINETUNE'): LineageEdgeFacts => ({
  id,
  relation,
  sourceId,
  derivedId,
  mergeWeight: null,
  recordedBy: 'test',
  recordedAt: '2026-01-01T00:00:00Z',
  auxiliaryRole: null,
  teacherSnapshot: null,
  evidence: { origin: 'MODEL_CARD', justification: 'card', documentRef: null, confidence: 1, observedAt: '2026-01-01T00:00:00Z', collector: null },
});

/** root ← a ← c, root ← b ← c (a diamond above), root → d → e (a chain below). */
function diamond() {
  const g = emptyGraph('root');
  addWalk(
    g,
    'ancestor',
    [
      { depth: 0, node: node('root') },
      { depth: 1, node: node('a', 'CN') },
      { depth: 1, node: node('b') },
      { depth: 2, node: node('c', 'CN') },
    ],
    [edge('ra', 'a', 'root'), edge('rb', 'b', 'root', 'DISTILLATION'), edge('ac', 'c', 'a'), edge('bc', 'c', 'b')],
  );
  addWalk(
    g,
    'descendant',
    [
      { depth: 0, node: node('root') },
      { depth: 1, node: node('d') },
      { depth: 2, node: node('e', null) },
    ],
    [edge('rd', 'root', 'd'), edge('de', 'd', 'e', 'QUANTIZATION')],
  );
  return g;
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('the lineage explorer’s graph model', () => {
  it('merges both walks around the root, ancestors at negative depth', () => {
    const g = diamond();
    expect(g.nodes.get('root')!.side).toBe('root');
    expect(g.nodes.get('c')).toMatchObject({ side: 'ancestor', depth: -2 });
    expect(g.nodes.get('e')).toMatchObject({ side: 'descendant', depth: 2 });
    expect(g.edges.size).toBe(6);
  });

  it.each([
    ['nothing collapsed', [], ['a', 'b', 'c', 'd', 'e', 'root'], []],
    // c is still reached through b.
    ['a collapsed', ['a'], ['a', 'b', 'c', 'd', 'e', 'root'], [['a', 1]]],
    [
      'a and b collapsed',
      ['a', 'b'],
      ['a', 'b', 'd', 'e', 'root'],
      [
        ['a', 1],
        ['b', 1],
      ],
    ],
    ['d collapsed', ['d'], ['a', 'b', 'c', 'd', 'root'], [['d', 1]]],
    // The root is never collapsed: the subject stays connected to something.
    ['the root "collapsed"', ['root'], ['a', 'b', 'c', 'd', 'e', 'root'], []],
  ])('with %s shows exactly what is reachable from the root', (_case, collapsed, visible, counts) => {
    const v = visibleGraph(diamond(), new Set(collapsed));
    expect(ids(v.nodes)).toEqual(visible);
    expect([...v.collapsedCounts.entries()]).toEqual(counts);
    expect(v.edges.every((e) => visible.includes(e.sourceId) && visible.includes(e.derivedId))).toBe(true);
  });

  it('shows a wide fan-out FANOUT_STEP at a time, with a stand-in for the rest', () => {
    const g = emptyGraph('root');
    const children = Array.from({ length: FANOUT_STEP + 120 }, (_, i) => ({ depth: 1, node: node(`c${String(i).padStart(4, '0')}`) }));
    addWalk(
      g,
      'descendant',
      [{ depth: 0, node: node('root') }, ...children],
      children.map((c) => edge(`e${c.node.id}`, 'root', c.node.id)),
    );
    const first = visibleGraph(g, new Set());
    expect(first.nodes).toHaveLength(FANOUT_STEP + 1);
    expect(first.more).toEqual([{ id: 'more:root:descendant', parentId: 'root', hidden: 120, side: 'descendant' }]);
    const all = visibleGraph(g, new Set(), new Map([['root:descendant', FANOUT_STEP * 2]]));
    expect(all.nodes).toHaveLength(FANOUT_STEP + 121);
    expect(all.more).toEqual([]);
  });

  it('finds the shortest chain from the root to a node, in either direction', () => {
    const g = diamond();
    expect(pathFromRoot(g, 'c').map((e) => e.id)).toHaveLength(2);
    expect(pathFromRoot(g, 'e').map((e) => e.id)).toEqual(['rd', 'de']);
    expect(pathFromRoot(g, 'root')).toEqual([]);
    expect(pathFromRoot(g, 'nowhere')).toEqual([]);
  });

  it.each([
    ['FINETUNE', 'weights'],
    ['MERGE', 'weights'],
    ['QUANTIZATION', 'weights'],
    ['DISTILLATION', 'distillation'],
    ['TRAINED_ON', 'data'],
    ['GENERATED_BY', 'data'],
    ['CHECKPOINT_OF', 'other'],
    ['AUXILIARY', 'other'],
  ])('draws %s as a %s edge', (relation, cls) => expect(edgeClassOf(relation)).toBe(cls));

  it('colours the most frequent keys first and gives unknown and the long tail one grey', () => {
    const keys = ['US', 'CN', 'US', null, ...Array.from({ length: PALETTE.length + 2 }, (_, i) => `K${i}`)];
    const legend = legendFor(keys);
    expect(legend.entries[0]).toEqual({ key: 'US', colour: PALETTE[0], count: 2 });
    expect(legend.colourOf('US')).toBe(PALETTE[0]);
    expect(legend.colourOf(null)).toBe(OTHER_COLOUR);
    expect(legend.entries.at(-1)).toMatchObject({ key: 'other or unknown', colour: OTHER_COLOUR });
    expect(legend.entries.reduce((n, e) => n + e.count, 0)).toBe(keys.length);
  });
});
