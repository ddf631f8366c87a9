import { lazy, Suspense } from 'react';

type Props = Parameters<typeof import('./lineage-explorer').LineageExplorer>[0];

// cytoscape.js and the explorer are most of the app's code; loaded when a page shows a graph, the
// other pages (a model's facts, search, reports) paint without parsing them.
const Explorer = lazy(() => import('./lineage-explorer').then((m) => ({ default: m.LineageExplorer })));

/** The lineage explorer, loaded on first use. */
export function LineageExplorer(props: Props) {
  return (
    <Suspense fallback={<p className="graph-status">Loading the graph view…</p>}>
      <Explorer {...props} />
    </Suspense>
  );
}
