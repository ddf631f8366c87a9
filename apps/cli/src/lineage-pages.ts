import { RegistryClient } from './registry-client';

export interface LineagePage<N, E> {
  rootId?: string;
  depthLimited: boolean;
  nodes: N[];
  edges: E[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * A whole walk, page by page: `lineage` answers at most 2,000 nodes a request. The query must
 * take `$after` and select `depthLimited` and `pageInfo { hasNextPage endCursor }`.
 */
export async function allLineagePages<N, E>(client: RegistryClient, query: string, variables: Record<string, unknown>): Promise<LineagePage<N, E>> {
  const whole: LineagePage<N, E> = { depthLimited: false, nodes: [], edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  let after: string | null = null;
  do {
    const { lineage } = (await client.request<{ lineage: LineagePage<N, E> }>(query, { ...variables, after })) as { lineage: LineagePage<N, E> };
    whole.rootId ??= lineage.rootId;
    whole.depthLimited ||= lineage.depthLimited;
    whole.nodes.push(...lineage.nodes);
    whole.edges.push(...lineage.edges);
    after = lineage.pageInfo.hasNextPage ? lineage.pageInfo.endCursor : null;
  } while (after);
  return whole;
}
