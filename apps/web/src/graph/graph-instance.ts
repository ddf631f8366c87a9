// A cytoscape instance as the lineage view uses it: its style, and what a large graph needs to stay
// fast (labels only when readable, edges hidden while moving, CPU picking).
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { EDGE_CLASSES } from './graph-model';
import { HitGrid } from './hit-grid';

const NODE_FONT_PX = 11;
/** On a large graph, labels that would be drawn smaller than this are not drawn: unreadable, and most of the drawing. */
const LABELS_FROM_FONT_PX = 7;

/**
 * Cytoscape injects a <style> for its container unless an element with this id exists; the
 * strict CSP (style-src 'self') refuses that, so app.css carries the rule and this marks it done.
 */
function claimCytoscapeStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  marker.name = 'cytoscape-container-style';
  marker.content = 'in app.css';
  document.head.append(marker);
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      'background-color': 'data(colour)',
      width: 'data(width)',
      height: 40,
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'font-size': NODE_FONT_PX,
      color: '#111',
      'text-outline-color': '#fff',
      'text-outline-width': 2,
      'border-width': 1,
      'border-color': '#333',
    },
  },
  { selector: 'node.dataset', style: { shape: 'barrel' } },
  { selector: 'node.checkpoint', style: { shape: 'cut-rectangle' } },
  { selector: 'node.root', style: { 'border-width': 4, 'border-color': '#000' } },
  { selector: 'node.collapsed', style: { 'border-style': 'double', 'border-width': 4 } },
  { selector: 'node.more', style: { 'border-style': 'dashed', 'background-color': '#fff' } },
  { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#ffbf00' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': 'data(colour)',
      'target-arrow-color': 'data(colour)',
      'target-arrow-shape': 'triangle',
      'curve-style': 'straight',
      'arrow-scale': 1,
    },
  },
  ...EDGE_CLASSES.map((c) => ({ selector: `edge.${c.edgeClass}`, style: { 'line-style': c.lineStyle, width: c.width } })),
  { selector: 'edge:selected', style: { width: 6, 'line-color': '#ffbf00', 'target-arrow-color': '#ffbf00' } },
  { selector: 'edge.moving', style: { display: 'none' } },
  { selector: '.faded', style: { opacity: 0.25 } },
  { selector: 'edge.highlighted', style: { width: 6, 'line-color': '#ff6f00', 'target-arrow-color': '#ff6f00', opacity: 1 } },
  { selector: 'node.highlighted', style: { 'border-width': 5, 'border-color': '#ff6f00', opacity: 1 } },
] as StylesheetJson;

/**
 * On a large graph, labels are drawn only once zoomed in far enough to read them: at the zoom that
 * fits 2,000 nodes they are specks, and rasterising 2,000 of them was most of opening the view.
 * (The WebGL renderer ignores `min-zoomed-font-size`, so the label style itself is switched.)
 */
function showLabelsOnlyWhenReadable(instance: Core): void {
  let shown: boolean | null = null;
  const update = () => {
    const readable = NODE_FONT_PX * instance.zoom() >= LABELS_FROM_FONT_PX;
    if (readable === shown) return;
    shown = readable;
    instance
      .style()
      .selector('node')
      .style('label', readable ? 'data(label)' : '')
      .update();
  };
  update();
  instance.on('zoom', update);
}

/**
 * While a large graph is panned or zoomed its edges are not drawn (the canvas renderer's
 * `hideEdgesOnViewport`, which the WebGL renderer lacks): half the elements of every frame.
 */
function hideEdgesWhileMoving(instance: Core, oneStep: () => boolean): void {
  let settle: ReturnType<typeof setTimeout> | null = null;
  instance.on('viewport', () => {
    // A change made in one step (the fit after a swap) is drawn once, edges included.
    if (oneStep() && !settle) return;
    if (!settle) instance.edges().addClass('moving');
    else clearTimeout(settle);
    settle = setTimeout(() => {
      settle = null;
      instance.edges().removeClass('moving');
    }, 150);
  });
}

/**
 * Picks on the CPU (hit-grid.ts) instead of the WebGL renderer's picking buffer, which is redrawn
 * in full on the first mouse-down or hover after every pan or zoom. Rebuilt lazily when a node moves.
 */
function pickOnCpu(instance: Core) {
  const renderer = (instance as unknown as { renderer(): { findNearestElements: (x: number, y: number) => unknown[] } }).renderer();
  let grid: HitGrid | null = null;
  instance.on('position add remove', () => (grid = null));
  const build = () =>
    new HitGrid(
      instance.nodes().map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y'), halfWidth: n.width() / 2, halfHeight: n.height() / 2 })),
      instance.edges().map((e) => {
        const [s, t] = [e.source().position(), e.target().position()];
        return { id: e.id(), x1: s.x, y1: s.y, x2: t.x, y2: t.y };
      }),
    );
  const visible = (id: string) => instance.getElementById(id).visible();
  renderer.findNearestElements = (x: number, y: number) => {
    grid ??= build();
    const node = grid.nodeAt(x, y, visible);
    const edge = node ? null : grid.edgeNear(x, y, 6 / instance.zoom(), visible);
    return [node, edge].filter((id): id is string => id !== null).map((id) => instance.getElementById(id));
  };
}

export interface View {
  instance: Core;
  webgl: boolean;
  large: boolean;
  /** Runs a viewport change that is drawn once, edges included. */
  oneStep(change: () => void): void;
}

/** A cytoscape instance with what a view does once per instance: taps, and for a large graph labels, picking and panning. */
export interface ViewTaps {
  node(id: string): void;
  edge(id: string): void;
}

export function createView(container: HTMLElement, elements: ElementDefinition[], webgl: boolean, large: boolean, taps: ViewTaps): View {
  claimCytoscapeStylesheet();
  const instance = cytoscape({
    container,
    elements,
    style: STYLE,
    layout: { name: 'preset' },
    minZoom: 0.05,
    maxZoom: 3,
    boxSelectionEnabled: false,
    ...(webgl ? { renderer: { name: 'canvas', webgl: true } as never } : {}),
  });
  instance.on('tap', 'node', (event) => taps.node(event.target.id() as string));
  instance.on('tap', 'edge', (event) => taps.edge(event.target.id() as string));
  let stepping = false;
  const oneStep = (change: () => void) => {
    stepping = true;
    try {
      change();
    } finally {
      stepping = false;
    }
  };
  if (large) {
    showLabelsOnlyWhenReadable(instance);
    hideEdgesWhileMoving(instance, () => stepping);
  }
  if (webgl) pickOnCpu(instance);
  return { instance, webgl, large, oneStep };
}
