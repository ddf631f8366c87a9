import { layeredLayout, LayoutEdge, LayoutNode } from './layered-layout';

const box = (id: string, width = 100): LayoutNode => ({ id, width, height: 40 });
const edge = (source: string, target: string): LayoutEdge => ({ source, target });

/** Nodes of one layer must not overlap: centres at least half of both widths plus the gap apart. */
function overlaps(nodes: LayoutNode[], at: Record<string, { x: number; y: number }>, gap: number): string[] {
  const found: string[] = [];
  const byRow = new Map<number, LayoutNode[]>();
  for (const n of nodes) byRow.set(at[n.id].y, [...(byRow.get(at[n.id].y) ?? []), n]);
  for (const row of byRow.values()) {
    row.sort((a, b) => at[a.id].x - at[b.id].x);
    for (let i = 1; i < row.length; i++) {
      const [a, b] = [row[i - 1], row[i]];
      if (at[b.id].x - at[a.id].x < (a.width + b.width) / 2 + gap - 1e-6) found.push(`${a.id}/${b.id}`);
    }
  }
  return found;
}

describe('layeredLayout', () => {
  it('puts every node below all of its sources, one layer below the lowest', () => {
    const nodes = ['base', 'ft', 'quant', 'merge'].map((id) => box(id));
    const at = layeredLayout(nodes, [edge('base', 'ft'), edge('ft', 'quant'), edge('base', 'merge'), edge('quant', 'merge')]);
    expect(at.base.y).toBeLessThan(at.ft.y);
    expect(at.ft.y).toBeLessThan(at.quant.y);
    expect(at.quant.y).toBeLessThan(at.merge.y);
  });

  it('keeps the nodes of a layer apart, whatever their widths, on a wide fan-out', () => {
    const nodes = [box('root'), ...Array.from({ length: 300 }, (_, i) => box(`c${i}`, 60 + (i % 7) * 30))];
    const edges = nodes.slice(1).map((n) => edge('root', n.id));
    const at = layeredLayout(nodes, edges, { nodesep: 24, ranksep: 70, margin: 20 });
    expect(overlaps(nodes, at, 24)).toEqual([]);
    // The parent sits over the mean of its children's centres.
    const xs = nodes.slice(1).map((n) => at[n.id].x);
    expect(Math.abs(at.root.x - xs.reduce((s, x) => s + x, 0) / xs.length)).toBeLessThan(1);
    expect(Math.min(...nodes.map((n) => at[n.id].x - n.width / 2))).toBeGreaterThanOrEqual(20 - 1e-6);
  });

  it('orders children under their own parents, so two subtrees do not cross', () => {
    const nodes = ['root', 'a', 'b', 'a1', 'b1', 'a2', 'b2'].map((id) => box(id));
    // Listed interleaved on purpose; the sweeps must untangle them.
    const at = layeredLayout(nodes, [edge('root', 'a'), edge('root', 'b'), edge('b', 'b1'), edge('a', 'a1'), edge('b', 'b2'), edge('a', 'a2')]);
    const [left, right] = at.a.x < at.b.x ? ['a', 'b'] : ['b', 'a'];
    expect(Math.max(at[`${left}1`].x, at[`${left}2`].x)).toBeLessThan(Math.min(at[`${right}1`].x, at[`${right}2`].x));
  });

  it('lays out a cycle (a merged view can hold one) and edges to unknown nodes without failing', () => {
    const nodes = ['a', 'b', 'c'].map((id) => box(id));
    const at = layeredLayout(nodes, [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('a', 'ghost')]);
    expect(Object.keys(at).sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(['a', 'b', 'c'].map((id) => at[id].y)).size).toBe(3);
  });

  it('lays out a 2,000-node two-level fan-out with no overlaps (its speed is measured in the web bench)', () => {
    const nodes = [box('root'), ...Array.from({ length: 1999 }, (_, i) => box(`n${i}`))];
    const edges = nodes.slice(1).map((n, i) => edge(i < 40 ? 'root' : `n${i % 40}`, n.id));
    const at = layeredLayout(nodes, edges);
    expect(Object.keys(at)).toHaveLength(2000);
    expect(overlaps(nodes, at, 24)).toEqual([]);
    expect(new Set(nodes.map((n) => at[n.id].y)).size).toBe(3);
  });
});
