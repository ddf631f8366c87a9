import DataLoader from 'dataloader';
import { NodeKind } from '@pedigree/core';

/** A catalog record that can stand in the LineageNode interface. */
export interface LineageNodeRecord {
  id: string;
  kind: NodeKind;
  name: string;
}

/** Per-request loaders lineage resolvers need; the app builds them (catalog knows how to load nodes). */
export interface LineageLoaders {
  node: DataLoader<string, LineageNodeRecord | null>;
}

export interface LineageContext {
  loaders: LineageLoaders;
}

/** The walk's page with each node's record, loaded in one batch (see LineageNodeAtDepthType.node). */
export async function withNodes<G extends { nodes: { id: string }[] }>(graph: G, loaders: LineageLoaders): Promise<G> {
  const records = await loaders.node.loadMany(graph.nodes.map((n) => n.id));
  const failed = records.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return { ...graph, nodes: graph.nodes.map((n, i) => ({ ...n, node: records[i] })) };
}
