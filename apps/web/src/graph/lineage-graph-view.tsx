import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { countryOf, EDGE_CLASSES, edgeClassOf, vendorOf, type ColourMode, type LineageGraphData, type MoreStandIn, type VisibleGraph } from './graph-model';
import { createView, type View } from './graph-instance';
import { layOut } from './layout-protocol';

/**
 * Above this many nodes the WebGL renderer draws; below it the canvas renderer does, because
 * WebGL draws every edge solid and the canvas renderer keeps the dashed and dotted relation styles.
 */
export const WEBGL_FROM_NODES = 400;

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

/** Fits the graph, but a small one is not blown up past a comfortable reading size. */
function fitReadably(instance: Core): void {
  instance.fit(undefined, 30);
  if (instance.zoom() > 1.1) {
    instance.zoom(1.1);
    instance.center();
  }
}

/** The lineage picture: cytoscape.js drawing positions that dagre computed in a worker. */
export function LineageGraphView(props: ViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const current = useRef<View | null>(null);
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
        const drawStarted = performance.now();
        // A WebGL context costs half a second to create without a GPU: a large view that widens keeps
        // its instance and swaps the elements.
        let view = current.current;
        if (view && view.webgl === webgl && view.large && large) {
          const reused = view.instance;
          reused.batch(() => {
            reused.elements().remove();
            reused.add(elements);
          });
          // The page around the view may have moved (a button gone): cytoscape's cached container
          // position, which its hit-testing uses, is refreshed only on resize.
          reused.resize();
        } else {
          current.current?.instance.destroy();
          view = current.current = createView(container.current, elements, webgl, large, {
            node: (id) => {
              const standIn = handlers.current.visible.more.find((m) => m.id === id);
              if (standIn) handlers.current.onShowMore(standIn);
              else handlers.current.onSelectNode(id);
            },
            edge: (id) => !id.startsWith('more:') && handlers.current.onSelectEdge(id),
          });
        }
        const instance = view.instance;
        // In one step, so the first frame has its edges.
        view.oneStep(() => fitReadably(instance));
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
      current.current?.instance.destroy();
      current.current = null;
    },
    [],
  );

  useEffect(() => {
    const instance = current.current?.instance;
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
      const instance = current.current?.instance;
      if (instance) handlers.current.onPicture?.(instance.png({ full: true, bg: '#ffffff', maxWidth: 1600, maxHeight: 2200 }));
    } catch {
      // A picture is a nicety for print; the tables carry the same facts.
    }
  }

  const zoom = (factor: number) =>
    current.current?.instance.zoom({
      level: current.current.instance.zoom() * factor,
      renderedPosition: { x: current.current.instance.width() / 2, y: current.current.instance.height() / 2 },
    });
  return (
    <div className="graph-frame">
      <div className="graph-tools no-print" role="toolbar" aria-label="Graph view">
        <button type="button" onClick={() => zoom(1.25)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoom(0.8)}>
          Zoom out
        </button>
        <button type="button" onClick={() => current.current && fitReadably(current.current.instance)}>
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
