import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { countryOf, EDGE_CLASSES, edgeClassOf, vendorOf, type ColourMode, type LineageGraphData, type MoreStandIn, type VisibleGraph } from './graph-model';
import { HitGrid } from './hit-grid';
import { layOut } from './layout-protocol';
import { panByMovingThePicture } from './smooth-pan';

/**
 * Above this many nodes the WebGL renderer draws; below it the canvas renderer does, because
 * WebGL draws every edge solid and the canvas renderer keeps the dashed and dotted relation styles.
 */
export const WEBGL_FROM_NODES = 400;
const NODE_FONT_PX = 11;
/** On a large graph, labels that would be drawn smaller than this are not drawn: unreadable, and most of the drawing. */
const LABELS_FROM_FONT_PX = 7;

interface ViewProps {
  graph: LineageGraphData;
  visible: VisibleGraph;
  colourMode: ColourMode;
  colourOf: (key: string | null) => string;
  highlight: ReadonlySet<string>;
  selectedId: string | null;
  onSelectNode: (id: string) => void;
  onSelectEdge: (id: string) => void;
  onShowMore: (standIn: MoreStandIn) => void;
  /** A PNG of the whole graph, for the printed report. */
  onPicture?: (dataUrl: string) => void;
}

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

const webglAvailable = (() => {
  let known: boolean | null = null;
  return () => (known ??= !!document.createElement('canvas').getContext('webgl2'));
})();

const shortName = (name: string) => (name.length > 34 ? `${name.slice(0, 32)}…` : name);

function elementsOf(p: ViewProps): ElementDefinition[] {
  const { graph, visible, colourMode, colourOf } = p;
  const nodes: ElementDefinition[] = visible.nodes.map((n) => {
    const country = countryOf(n);
    const key = colourMode === 'country' ? country : colourMode === 'vendor' ? vendorOf(n) : null;
    const hidden = visible.collapsedCounts.get(n.id);
    const label = `${shortName(n.name)}\n${country ?? '??'}${hidden ? ` · ▸ ${hidden} hidden` : ''}`;
    return {
      group: 'nodes',
      data: {
        id: n.id,
        label,
        colour: colourMode === 'relation' ? '#e8eef5' : colourOf(key),
        kind: n.kind,
        width: Math.max(90, Math.min(34, n.name.length) * 6.4 + 16),
      },
      classes: [n.kind.toLowerCase(), n.id === graph.rootId ? 'root' : '', hidden ? 'collapsed' : ''].join(' '),
    };
  });
  const more: ElementDefinition[] = visible.more.flatMap((m) => [
    { group: 'nodes', data: { id: m.id, label: `⋯ ${m.hidden} more\nshow ${Math.min(500, m.hidden)} more`, colour: '#ffffff', width: 130 }, classes: 'more' },
    {
      group: 'edges',
      data: m.side === 'ancestor' ? { id: `${m.id}:e`, source: m.id, target: m.parentId } : { id: `${m.id}:e`, source: m.parentId, target: m.id },
      classes: 'other',
    },
  ]);
  const edges: ElementDefinition[] = visible.edges.map((e) => {
    const cls = edgeClassOf(e.relation);
    return {
      group: 'edges',
      data: {
        id: e.id,
        source: e.sourceId,
        target: e.derivedId,
        relation: e.relation,
        colour: colourMode === 'relation' ? colourOf(e.relation) : EDGE_CLASSES.find((c) => c.edgeClass === cls)!.colour,
      },
      classes: cls,
    };
  });
  return [...nodes, ...more, ...edges];
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
 * While a large graph is zoomed its edges are not drawn (the canvas renderer's
 * `hideEdgesOnViewport`, which the WebGL renderer lacks): half the elements of every frame.
 */
function hideEdgesWhileMoving(instance: Core, oneStep: () => boolean): void {
  let settle: ReturnType<typeof setTimeout> | null = null;
  instance.on('viewport', () => {
    // A pan released in one step (smooth-pan.ts) is drawn once, edges included.
    if (oneStep() && !settle) return;
    if (!settle) instance.edges().addClass('moving');
    else clearTimeout(settle);
    settle = setTimeout(() => {
      settle = null;
      instance.edges().removeClass('moving');
    }, 150);
  });
}

/** Fits the graph, but a small one is not blown up past a comfortable reading size. */
function fitReadably(instance: Core): void {
  instance.fit(undefined, 30);
  if (instance.zoom() > 1.1) {
    instance.zoom(1.1);
    instance.center();
  }
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

/** The lineage picture: cytoscape.js drawing positions that dagre computed in a worker. */
export function LineageGraphView(props: ViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const stopPanning = useRef<(() => void) | null>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [status, setStatus] = useState('Laying out…');
  const [renderer, setRenderer] = useState<'webgl' | 'canvas'>('canvas');

  useEffect(() => {
    let cancelled = false;
    const requested = performance.now();
    const elements = elementsOf(props);
    const nodes = elements.filter((e) => e.group === 'nodes').map((e) => ({ id: String(e.data.id), width: Number(e.data.width), height: 40 }));
    const edges = elements
      .filter((e) => e.group === 'edges')
      .map((e) => ({ id: String(e.data.id), source: String(e.data.source), target: String(e.data.target) }));
    setStatus(`Laying out ${nodes.length.toLocaleString('en')} nodes…`);
    layOut(nodes, edges)
      .then((layout) => {
        if (cancelled || !layout || !container.current) return;
        for (const e of elements) if (e.group === 'nodes') e.position = layout.positions[String(e.data.id)];
        const large = nodes.length >= WEBGL_FROM_NODES;
        const webgl = large && webglAvailable();
        cy.current?.destroy();
        stopPanning.current?.();
        stopPanning.current = null;
        claimCytoscapeStylesheet();
        const drawStarted = performance.now();
        const instance = cytoscape({
          container: container.current,
          elements,
          style: STYLE,
          layout: { name: 'preset' },
          minZoom: 0.05,
          maxZoom: 3,
          boxSelectionEnabled: false,
          ...(webgl ? { renderer: { name: 'canvas', webgl: true } as never } : {}),
        });
        if (large) showLabelsOnlyWhenReadable(instance);
        if (webgl) pickOnCpu(instance);
        cy.current = instance;
        instance.on('tap', 'node', (event) => {
          const id = event.target.id() as string;
          const standIn = handlers.current.visible.more.find((m) => m.id === id);
          if (standIn) handlers.current.onShowMore(standIn);
          else handlers.current.onSelectNode(id);
        });
        instance.on('tap', 'edge', (event) => {
          const id = event.target.id() as string;
          if (!id.startsWith('more:')) handlers.current.onSelectEdge(id);
        });
        fitReadably(instance);
        // After the fit, so the first frame has its edges.
        if (large) {
          let releasing = false;
          stopPanning.current = panByMovingThePicture(instance, container.current, (by) => {
            releasing = true;
            instance.panBy(by);
            releasing = false;
          });
          hideEdgesWhileMoving(instance, () => releasing);
        }
        setRenderer(webgl ? 'webgl' : 'canvas');
        const setUp = Math.round(performance.now() - drawStarted);
        // Reported once the first frame is on screen, the figure a person waits for: cytoscape draws
        // in its own animation frame, so the frame after the next one follows its first drawing.
        // (Its 'render' event is not emitted by the WebGL renderer.)
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            if (cancelled) return;
            const total = Math.round(performance.now() - requested);
            setStatus(
              `${nodes.length.toLocaleString('en')} nodes and ${edges.length.toLocaleString('en')} edges, laid out in ${layout.millis} ms (${layout.method}, worker), set up in ${setUp} ms, first frame after ${total} ms (${webgl ? 'WebGL' : 'canvas'} renderer).`,
            );
          }),
        );
        if (nodes.length < WEBGL_FROM_NODES) takePicture();
      })
      .catch((error: Error) => !cancelled && setStatus(error.message));
    return () => {
      cancelled = true;
    };
    // Rebuilt only when what is drawn changes; selection and highlight are restyled below.
  }, [props.visible, props.colourMode, props.colourOf]);

  useEffect(
    () => () => {
      stopPanning.current?.();
      cy.current?.destroy();
    },
    [],
  );

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.batch(() => {
      instance.elements().removeClass('highlighted faded');
      if (props.highlight.size) {
        const edges = instance.edges().filter((e) => props.highlight.has(e.id()));
        const lit = edges.union(edges.connectedNodes());
        lit.addClass('highlighted');
        instance.elements().difference(lit).addClass('faded');
      }
      instance.elements(':selected').unselect();
      if (props.selectedId) instance.getElementById(props.selectedId).select();
    });
    // The printed picture shows what the screen highlights.
    if (props.highlight.size && instance.nodes().length < WEBGL_FROM_NODES) takePicture();
  }, [props.highlight, props.selectedId, status]);

  // A large graph's picture takes seconds on the main thread, so it is made only when printing.
  useEffect(() => {
    window.addEventListener('beforeprint', takePicture);
    return () => window.removeEventListener('beforeprint', takePicture);
  }, []);

  function takePicture() {
    try {
      if (cy.current) handlers.current.onPicture?.(cy.current.png({ full: true, bg: '#ffffff', maxWidth: 1600, maxHeight: 2200 }));
    } catch {
      // A picture is a nicety for print; the tables carry the same facts.
    }
  }

  const zoom = (factor: number) =>
    cy.current?.zoom({ level: cy.current.zoom() * factor, renderedPosition: { x: cy.current.width() / 2, y: cy.current.height() / 2 } });
  return (
    <div className="graph-frame">
      <div className="graph-tools no-print" role="toolbar" aria-label="Graph view">
        <button type="button" onClick={() => zoom(1.25)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoom(0.8)}>
          Zoom out
        </button>
        <button type="button" onClick={() => cy.current && fitReadably(cy.current)}>
          Fit
        </button>
      </div>
      <div
        ref={container}
        className="graph-canvas"
        data-renderer={renderer}
        role="img"
        aria-label="Lineage graph. The same nodes and edges are listed as text beside it, where they can be chosen with the keyboard."
      />
      <p className="graph-status" role="status" data-testid="graph-status">
        {status}
      </p>
    </div>
  );
}
