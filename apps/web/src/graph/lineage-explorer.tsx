import { useMemo, useState } from 'react';
import {
  countryOf,
  EDGE_CLASSES,
  edgeClassOf,
  FANOUT_STEP,
  legendFor,
  vendorOf,
  visibleGraph,
  type ColourMode,
  type LineageGraphData,
  type MoreStandIn,
} from './graph-model';
import { LineageGraphView } from './lineage-graph-view';
import { SelectionPanel } from './selection-panel';

/** One empty set, so that an explorer without highlights does not restyle 2,000 elements on every render. */
const NO_HIGHLIGHT: ReadonlySet<string> = new Set();

interface ExplorerProps {
  graph: LineageGraphData;
  /** Bumped when pages were added to `graph` in place. */
  version: number;
  /** Edges to light up (an exposure line's explanation path). */
  highlight?: ReadonlySet<string>;
  onPicture?: (dataUrl: string) => void;
}

/** The graph, its legend (React sets colours through the CSSOM, which a strict style-src allows), and a panel that shows and walks the selection by keyboard. */
export function LineageExplorer({ graph, version, highlight, onPicture }: ExplorerProps) {
  const [colourMode, setColourMode] = useState<ColourMode>('country');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [limits, setLimits] = useState<ReadonlyMap<string, number>>(new Map());
  const [selected, setSelected] = useState<{ kind: 'node' | 'edge'; id: string }>({ kind: 'node', id: graph.rootId });

  const visible = useMemo(() => visibleGraph(graph, collapsed, limits), [graph, version, collapsed, limits]);
  const legend = useMemo(
    () =>
      legendFor(
        colourMode === 'country' ? visible.nodes.map(countryOf) : colourMode === 'vendor' ? visible.nodes.map(vendorOf) : visible.edges.map((e) => e.relation),
      ),
    [visible, colourMode],
  );
  const toggleCollapsed = (id: string) => {
    const next = new Set(collapsed);
    if (!next.delete(id)) next.add(id);
    setCollapsed(next);
  };
  const showMore = (standIn: MoreStandIn) => {
    const key = `${standIn.parentId}:${standIn.side}`;
    setLimits(new Map(limits).set(key, (limits.get(key) ?? FANOUT_STEP) + FANOUT_STEP));
  };

  return (
    <div className="explorer">
      <div className="explorer-controls no-print">
        <label htmlFor="colour-mode">Colour by</label>
        <select id="colour-mode" value={colourMode} onChange={(e) => setColourMode(e.target.value as ColourMode)}>
          <option value="country">Country of origin</option>
          <option value="vendor">Vendor</option>
          <option value="relation">Relation (edges)</option>
        </select>
        {collapsed.size ? (
          <button type="button" onClick={() => setCollapsed(new Set())}>
            Expand all ({collapsed.size} collapsed)
          </button>
        ) : null}
      </div>
      <div className="explorer-body">
        <LineageGraphView
          graph={graph}
          visible={visible}
          colourMode={colourMode}
          colourOf={legend.colourOf}
          highlight={highlight ?? NO_HIGHLIGHT}
          selectedId={selected.id}
          onSelectNode={(id) => setSelected({ kind: 'node', id })}
          onSelectEdge={(id) => setSelected({ kind: 'edge', id })}
          onShowMore={showMore}
          onPicture={onPicture}
        />
        <SelectionPanel
          graph={graph}
          visible={visible}
          selected={selected}
          onSelect={setSelected}
          collapsed={collapsed.has(selected.id)}
          onToggleCollapsed={toggleCollapsed}
          onShowMore={showMore}
        />
      </div>
      <section className="legend" aria-label="Legend">
        <h3>Legend</h3>
        <div className="legend-columns">
          <div>
            <h4>{colourMode === 'country' ? 'Node colour: country of origin' : colourMode === 'vendor' ? 'Node colour: vendor' : 'Edge colour: relation'}</h4>
            <ul>
              {legend.entries.map((entry) => (
                <li key={entry.key}>
                  <span className="swatch" style={{ backgroundColor: entry.colour }} aria-hidden="true" />
                  {entry.key} <span className="count">({entry.count})</span>
                </li>
              ))}
            </ul>
            <p className="legend-note">Each node’s label also names its country, so colour is never the only cue.</p>
          </div>
          <div>
            <h4>Edge style: what is inherited</h4>
            <ul>
              {EDGE_CLASSES.map((c) => (
                <li key={c.edgeClass}>
                  <span className={`line-sample ${c.lineStyle}`} style={{ borderTopColor: c.colour }} aria-hidden="true" />
                  {c.label} <span className="count">({visible.edges.filter((e) => edgeClassOf(e.relation) === c.edgeClass).length})</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h4>Node shape</h4>
            <ul>
              <li>Rounded box: model (thick black border: the subject)</li>
              <li>Barrel: dataset</li>
              <li>Cut corners: checkpoint</li>
              <li>Double border: collapsed; dashed: “show more” for a wide fan-out</li>
            </ul>
          </div>
        </div>
      </section>
    </div>
  );
}
