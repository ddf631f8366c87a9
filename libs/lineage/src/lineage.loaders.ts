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
