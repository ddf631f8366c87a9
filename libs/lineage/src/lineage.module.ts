import { Module } from '@nestjs/common';
import { CteLineageGraph } from './lineage-graph.cte.repository';
import { LINEAGE_GRAPH, LineageGraph, TRANSACTION_LINEAGE_GRAPH } from './lineage-graph';
import { InMemoryLineageGraph } from './lineage-graph.memory';
import { LineageChangeRepository } from './lineage-change.repository';
import { LINEAGE_CHANGE_SINK, NO_CHANGE_SINK } from './lineage-change.sink';
import { LINEAGE_FEED_STATUS, LineageFeedStatusSource } from './lineage-feed.status';
import { readLineageIndexMode, readLineagePollMs } from './lineage-index.config';
import { LineageEdgeRepository } from './lineage-edge.repository';
import { LineageEdgeWriteRepository } from './lineage-edge-write.repository';
import { LineageNodeRepository } from './lineage-node.repository';
import { LineageWriter } from './lineage-writer.service';
import { LineageService } from './lineage.service';
import { LineageEdgeResolver, LineageResolver } from './lineage.resolver';

/** Listed once so the app module and the offline schema printer build the same schema. */
export const LINEAGE_RESOLVERS = [LineageResolver, LineageEdgeResolver];

@Module({
  providers: [
    CteLineageGraph,
    LineageChangeRepository,
    {
      provide: LINEAGE_GRAPH,
      useFactory: (cte: CteLineageGraph, changes: LineageChangeRepository): LineageGraph =>
        readLineageIndexMode() === 'memory' ? new InMemoryLineageGraph(changes, cte, readLineagePollMs()) : cte,
      inject: [CteLineageGraph, LineageChangeRepository],
    },
    { provide: TRANSACTION_LINEAGE_GRAPH, useExisting: CteLineageGraph },
    {
      provide: LINEAGE_CHANGE_SINK,
      useFactory: (graph: LineageGraph) => (graph instanceof InMemoryLineageGraph ? graph : NO_CHANGE_SINK),
      inject: [LINEAGE_GRAPH],
    },
    {
      provide: LINEAGE_FEED_STATUS,
      useFactory: (graph: LineageGraph): LineageFeedStatusSource =>
        graph instanceof InMemoryLineageGraph ? graph : { feedStatus: () => null, catchUp: async () => undefined },
      inject: [LINEAGE_GRAPH],
    },
    LineageEdgeRepository,
    LineageEdgeWriteRepository,
    LineageNodeRepository,
    LineageWriter,
    LineageService,
    ...LINEAGE_RESOLVERS,
  ],
  exports: [LINEAGE_GRAPH, TRANSACTION_LINEAGE_GRAPH, LINEAGE_FEED_STATUS, LineageEdgeRepository, LineageNodeRepository, LineageWriter, LineageService],
})
export class LineageModule {}
