import { Module } from '@nestjs/common';
import { CteLineageGraph } from './lineage-graph.cte.repository';
import { LINEAGE_GRAPH } from './lineage-graph';
import { LineageEdgeRepository } from './lineage-edge.repository';
import { LineageNodeRepository } from './lineage-node.repository';
import { LineageWriter } from './lineage-writer.service';
import { LineageService } from './lineage.service';
import { LineageEdgeResolver, LineageNodeAtDepthResolver, LineageResolver } from './lineage.resolver';

/** Listed once so the app module and the offline schema printer build the same schema. */
export const LINEAGE_RESOLVERS = [LineageResolver, LineageNodeAtDepthResolver, LineageEdgeResolver];

@Module({
  providers: [
    { provide: LINEAGE_GRAPH, useClass: CteLineageGraph },
    LineageEdgeRepository,
    LineageNodeRepository,
    LineageWriter,
    LineageService,
    ...LINEAGE_RESOLVERS,
  ],
  exports: [LINEAGE_GRAPH, LineageEdgeRepository, LineageNodeRepository, LineageWriter, LineageService],
})
export class LineageModule {}
