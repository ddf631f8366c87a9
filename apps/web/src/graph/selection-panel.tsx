import { href, Link } from '../app/router';
import { countryOf, licenseOf, pathFromRoot, publisherOf, vendorOf, type LineageGraphData, type MoreStandIn, type VisibleGraph } from './graph-model';
import type { LineageEdgeFacts } from './lineage.queries';

interface PanelProps {
  graph: LineageGraphData;
  visible: VisibleGraph;
  selected: { kind: 'node' | 'edge'; id: string };
  onSelect: (s: { kind: 'node' | 'edge'; id: string }) => void;
  collapsed: boolean;
  onToggleCollapsed: (id: string) => void;
  onShowMore: (standIn: MoreStandIn) => void;
}

/** The chain from the subject, each step a button that selects its edge. */
export function PathSteps({ graph, path, onSelect }: { graph: LineageGraphData; path: LineageEdgeFacts[]; onSelect?: PanelProps['onSelect'] }) {
  const name = (id: string) => graph.nodes.get(id)?.name ?? id;
  if (!path.length) return <p>This is the subject itself.</p>;
  return (
    <ol className="path">
      {path.map((e) => (
        <li key={e.id}>
          {onSelect ? (
            <button type="button" className="link-button" onClick={() => onSelect({ kind: 'edge', id: e.id })}>
              {name(e.derivedId)} ← {e.relation} ← {name(e.sourceId)}
            </button>
          ) : (
            `${name(e.derivedId)} ← ${e.relation} ← ${name(e.sourceId)}`
          )}
        </li>
      ))}
    </ol>
  );
}

function NodeDetails({ graph, visible, selected, onSelect, collapsed, onToggleCollapsed, onShowMore }: PanelProps) {
  const node = graph.nodes.get(selected.id);
  if (!node) return <p>Choose a node or an edge in the graph.</p>;
  const name = (id: string) => graph.nodes.get(id)?.name ?? id;
  const parents = visible.edges.filter((e) => e.derivedId === node.id);
  const children = visible.edges.filter((e) => e.sourceId === node.id);
  const more = visible.more.filter((m) => m.parentId === node.id);
  const neighbour = (e: LineageEdgeFacts, id: string) => (
    <li key={e.id}>
      <button type="button" className="link-button" onClick={() => onSelect({ kind: 'node', id })}>
        {name(id)}
      </button>{' '}
      <button
        type="button"
        className="link-button relation"
        onClick={() => onSelect({ kind: 'edge', id: e.id })}
        aria-label={`Evidence for ${e.relation} ${name(e.sourceId)} to ${name(e.derivedId)}`}
      >
        ({e.relation})
      </button>
    </li>
  );
  return (
    <>
      <h3>{node.name}</h3>
      <dl className="facts compact">
        <dt>Kind</dt>
        <dd>{node.kind.toLowerCase()}</dd>
        <dt>Country</dt>
        <dd>{countryOf(node) ?? 'unknown'}</dd>
        <dt>Publisher</dt>
        <dd>{publisherOf(node) ?? 'unknown'}</dd>
        <dt>Vendor</dt>
        <dd>{vendorOf(node) ?? 'unknown'}</dd>
        <dt>License</dt>
        <dd>{licenseOf(node) ?? 'unknown'}</dd>
        <dt>Distance</dt>
        <dd>{node.side === 'root' ? 'the subject' : `${Math.abs(node.depth)} step(s) ${node.side === 'ancestor' ? 'up (ancestor)' : 'down (descendant)'}`}</dd>
      </dl>
      <p className="panel-actions">
        {node.kind === 'MODEL' ? <Link to={href('/model', { name: node.name })}>Model page</Link> : null}{' '}
        {node.id !== graph.rootId ? (
          <button type="button" onClick={() => onToggleCollapsed(node.id)} aria-pressed={collapsed}>
            {collapsed ? 'Expand its subtree' : 'Collapse its subtree'}
          </button>
        ) : null}
      </p>
      <h4>Path from the subject</h4>
      <PathSteps graph={graph} path={pathFromRoot(graph, node.id)} onSelect={onSelect} />
      <h4>Parents ({parents.length})</h4>
      {parents.length ? <ul className="neighbours">{parents.map((e) => neighbour(e, e.sourceId))}</ul> : <p>None shown.</p>}
      <h4>Children ({children.length})</h4>
      {children.length ? <ul className="neighbours">{children.slice(0, 50).map((e) => neighbour(e, e.derivedId))}</ul> : <p>None shown.</p>}
      {children.length > 50 ? <p>and {children.length - 50} more in the graph.</p> : null}
      {more.map((m) => (
        <button key={m.id} type="button" onClick={() => onShowMore(m)}>
          Show {Math.min(500, m.hidden)} more of {m.hidden} hidden {m.side === 'ancestor' ? 'parents' : 'children'}
        </button>
      ))}
    </>
  );
}

function EdgeDetails({ graph, selected, onSelect }: PanelProps) {
  const edge = graph.edges.get(selected.id);
  if (!edge) return <p>That edge is not loaded.</p>;
  const name = (id: string) => graph.nodes.get(id)?.name ?? id;
  const ev = edge.evidence;
  return (
    <>
      <h3>
        {edge.relation}: {name(edge.sourceId)} → {name(edge.derivedId)}
      </h3>
      <dl className="facts compact">
        <dt>Evidence</dt>
        <dd>{ev.justification}</dd>
        <dt>Origin</dt>
        <dd>{ev.origin.replace(/_/g, ' ').toLowerCase()}</dd>
        <dt>Confidence</dt>
        <dd>{ev.confidence.toFixed(2)}</dd>
        <dt>Document</dt>
        <dd className="document-ref">{ev.documentRef ?? 'none cited'}</dd>
        <dt>Observed</dt>
        <dd>{ev.observedAt.slice(0, 10)}</dd>
        <dt>Recorded</dt>
        <dd>
          {edge.recordedAt.slice(0, 10)} by {edge.recordedBy}
        </dd>
        {edge.mergeWeight !== null ? (
          <>
            <dt>Merge weight</dt>
            <dd>{edge.mergeWeight}</dd>
          </>
        ) : null}
        {edge.teacherSnapshot ? (
          <>
            <dt>Teacher snapshot</dt>
            <dd>{edge.teacherSnapshot}</dd>
          </>
        ) : null}
      </dl>
      <p className="panel-actions">
        <button type="button" className="link-button" onClick={() => onSelect({ kind: 'node', id: edge.sourceId })}>
          Select {name(edge.sourceId)}
        </button>{' '}
        <button type="button" className="link-button" onClick={() => onSelect({ kind: 'node', id: edge.derivedId })}>
          Select {name(edge.derivedId)}
        </button>
      </p>
    </>
  );
}

/** Facts, path and neighbours of the selection, all reachable by Tab: the keyboard's way through the graph. */
export function SelectionPanel(props: PanelProps) {
  return (
    <aside className="selection-panel" aria-label="Selection" aria-live="polite">
      {props.selected.kind === 'node' ? <NodeDetails {...props} /> : <EdgeDetails {...props} />}
    </aside>
  );
}
