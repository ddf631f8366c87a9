import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, graphql } from './graphql-client';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a query when `variables` change (compared as JSON) and `skip` is false. A stale answer
 * (the user typed on) is dropped rather than shown over the newer one.
 */
export function useGraphql<T>(query: string, variables: Record<string, unknown>, skip = false): QueryState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: !skip });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    graphql<T>(query, JSON.parse(key))
      .then((data) => ticket === latest.current && setState({ data, error: null, loading: false }))
      .catch((error: unknown) => {
        if (ticket !== latest.current) return;
        const failure = error instanceof ApiError ? error : new ApiError('SERVER', String(error));
        setState({ data: null, error: failure, loading: false });
      });
  }, [query, key, skip, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
