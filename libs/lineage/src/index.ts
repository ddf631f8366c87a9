// The lineage library's public API. The graph implementations, the raw edge writes and the change
// feed stay inside: walks go through LINEAGE_GRAPH, edge writes through LineageWriter (cycle checks).
export { LINEAGE_GRAPH, LINEAGE_PAGE, MAX_WALK_DEPTH, TRANSACTION_LINEAGE_GRAPH } from './lineage-graph';
export type { LineageGraph, NodeIdentity, Subgraph, WalkColumns, WalkOptions } from './lineage-graph';
export type { EdgeDraft, LineageEdgeRecord } from './lineage-edge.record';
export { edgeKnownAt } from './lineage-edge.record';
export { LineageEdgeRepository } from './lineage-edge.repository';
export { LineageNodeRepository } from './lineage-node.repository';
export { LineageWriter } from './lineage-writer.service';
export type { DraftWithSource } from './lineage-writer.service';
export { LineageService } from './lineage.service';
export type { AssertLineageCommand, SubgraphResult } from './lineage.service';
export type { LineageContext, LineageLoaders, LineageNodeRecord } from './lineage.loaders';
export { AssertLineageInput, LineageEdgeType, LineageNodeType, LineageSourceInput, NodeRefInput } from './lineage.graphql';
export { LINEAGE_RESOLVERS, LineageModule } from './lineage.module';
export { assertRegisteredBy, resolveNodeRef, resolveNodeRefs, resolveNodeRefsEach } from './node-ref';
export type { NodeRef } from './node-ref';
export { draftsFor, resolveSources } from './lineage-source';
export type { LineageSource } from './lineage-source';
export { LINEAGE_FEED_STATUS } from './lineage-feed.status';
export type { LineageFeedStatus, LineageFeedStatusSource } from './lineage-feed.status';
