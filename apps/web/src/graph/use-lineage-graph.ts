import { useCallback, useEffect, useState } from 'react';
import { ApiError, graphql } from '../api/graphql-client';
import { addWalk, emptyGraph, type LineageGraphData } from './graph-model';
import { LINEAGE, type LineagePage } from './lineage.queries';

/** Nodes per request: the registry's cost limit admits about a thousand with these fields. */
export const LINEAGE_PAGE = 1000;

export type NodeRef = { model: string } | { dataset: string } | { checkpoint: string } | { id: string };

interface WalkState {
  graph: LineageGraphData | null;
  error: ApiError | null;
  loading: boolean;
  /** Per direction: the cursor of the next page, when the walk has more than was loaded. */
  next: { ancestor: string | null; descendant: string | null };
  totals: { ancestor: number; descendant: number };
}

/** Loads the ancestor and/or descendant walk of one node into one graph, a page at a time. */
export function useLineageGraph(of: NodeRef | null, sides: readonly ('ancestor' | 'descendant')[]) {
  const [state, setState] = useState<WalkState>({
    graph: null,
    error: null,
    loading: false,
    next: { ancestor: null, descendant: null },
    totals: { ancestor: 0, descendant: 0 },
  });
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(of);
  const sidesKey = sides.join(',');

  const fetchPage = useCallback(
    (side: 'ancestor' | 'descendant', after: string | null) =>
      graphql<LineagePage>(LINEAGE, { of: JSON.parse(key), direction: side === 'ancestor' ? 'ANCESTORS' : 'DESCENDANTS', first: LINEAGE_PAGE, after }),
    [key],
  );

  useEffect(() => {
    if (!of) return;
    let cancelled = false;
    setState((s) => ({ ...s, graph: null, error: null, loading: true }));
    const wanted = sidesKey.split(',') as ('ancestor' | 'descendant')[];
    Promise.all(wanted.map((side) => fetchPage(side, null).then((page) => ({ side, page }))))
      .then((pages) => {
        if (cancelled) return;
        const graph = emptyGraph(pages[0].page.lineage.rootId);
        const next = { ancestor: null as string | null, descendant: null as string | null };
        const totals = { ancestor: 0, descendant: 0 };
        for (const { side, page } of pages) {
          addWalk(graph, side, page.lineage.nodes, page.lineage.edges);
          next[side] = page.lineage.pageInfo.hasNextPage ? page.lineage.pageInfo.endCursor : null;
          totals[side] = page.lineage.nodeCount;
        }
        setState({ graph, error: null, loading: false, next, totals });
        setVersion((v) => v + 1);
      })
      .catch((error: unknown) => {
        if (!cancelled) setState((s) => ({ ...s, error: error instanceof ApiError ? error : new ApiError('SERVER', String(error)), loading: false }));
      });
    return () => {
      cancelled = true;
    };
    // `of` is compared by its JSON (key); the object itself is new on every render.
  }, [key, sidesKey, fetchPage]);

  const loadMore = useCallback(
    async (side: 'ancestor' | 'descendant') => {
      const cursor = state.next[side];
      if (!cursor || !state.graph) return;
      setState((s) => ({ ...s, loading: true }));
      try {
        const page = await fetchPage(side, cursor);
        addWalk(state.graph, side, page.lineage.nodes, page.lineage.edges);
        setState((s) => ({ ...s, loading: false, next: { ...s.next, [side]: page.lineage.pageInfo.hasNextPage ? page.lineage.pageInfo.endCursor : null } }));
        setVersion((v) => v + 1);
      } catch (error) {
        setState((s) => ({ ...s, loading: false, error: error instanceof ApiError ? error : new ApiError('SERVER', String(error)) }));
      }
    },
    [state.next, state.graph, fetchPage],
  );

  return { ...state, version, loadMore };
}
