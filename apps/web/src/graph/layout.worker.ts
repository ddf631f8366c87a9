/// <reference lib="webworker" />
// Layered (Sugiyama) layout off the main thread, so the page stays responsive (pan, zoom, typing)
// meanwhile. dagre lays out small graphs best (crossing minimisation, straightened long edges), but
// took 4.9 s for 2,043 nodes in the bench; above DAGRE_UP_TO nodes the linear layered layout runs.
import dagre from '@dagrejs/dagre';
import { layeredLayout } from './layered-layout';
import type { LayoutRequest, LayoutResult } from './layout-protocol';

const DAGRE_UP_TO = 300;
const SPACING = { nodesep: 24, ranksep: 70, margin: 20 };

function withDagre({ nodes, edges }: LayoutRequest): LayoutResult['positions'] {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: SPACING.nodesep, ranksep: SPACING.ranksep, edgesep: 8, marginx: SPACING.margin, marginy: SPACING.margin });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, e.id);
  dagre.layout(g);
  const positions: LayoutResult['positions'] = {};
  for (const n of nodes) {
    const placed = g.node(n.id);
    positions[n.id] = { x: placed.x, y: placed.y };
  }
  return positions;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  const started = performance.now();
  const method = request.nodes.length <= DAGRE_UP_TO ? 'dagre' : 'layered';
  const positions = method === 'dagre' ? withDagre(request) : layeredLayout(request.nodes, request.edges, SPACING);
  const result: LayoutResult = { id: request.id, positions, method, millis: Math.round(performance.now() - started) };
  (self as unknown as Worker).postMessage(result);
};
