/// <reference lib="webworker" />
// Layered (Sugiyama) layout with dagre, off the main thread: 2,000 nodes take seconds to rank
// and order, and the page must stay responsive (pan, zoom, typing) meanwhile.
import dagre from '@dagrejs/dagre';
import type { LayoutRequest, LayoutResult } from './layout-protocol';

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges } = event.data;
  const started = performance.now();
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 70, edgesep: 8, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, e.id);
  dagre.layout(g);
  const positions: LayoutResult['positions'] = {};
  for (const n of nodes) {
    const placed = g.node(n.id);
    positions[n.id] = { x: placed.x, y: placed.y };
  }
  const result: LayoutResult = { id, positions, millis: Math.round(performance.now() - started) };
  (self as unknown as Worker).postMessage(result);
};
