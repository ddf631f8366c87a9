import { Component, lazy, Suspense, type ReactNode } from 'react';

type Props = Parameters<typeof import('./lineage-explorer').LineageExplorer>[0];

// cytoscape.js and the explorer are most of the app's code; loaded when a page shows a graph, the
// other pages (a model's facts, search, reports) paint without parsing them.
const load = () => import('./lineage-explorer').then((m) => ({ default: m.LineageExplorer }));
let Explorer = lazy(load);

/**
 * A graph chunk that fails to load (a tab left open across a deploy asks for an old file) costs the
 * graph, not the page: the tables beside it stay, and Retry asks again (lazy() keeps a rejection).
 */
class GraphLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="graph-status" role="alert">
        The graph view could not be loaded.{' '}
        <button
          type="button"
          onClick={() => {
            Explorer = lazy(load);
            this.setState({ failed: false });
          }}
        >
          Retry
        </button>
      </div>
    );
  }
}

/** The lineage explorer, loaded on first use. */
export function LineageExplorer(props: Props) {
  return (
    <GraphLoadBoundary>
      <Suspense fallback={<p className="graph-status">Loading the graph view…</p>}>
        <Explorer {...props} />
      </Suspense>
    </GraphLoadBoundary>
  );
}
