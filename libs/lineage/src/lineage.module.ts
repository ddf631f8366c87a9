import { Module } from '@nestjs/common';
import { CteLineageGraph } from './lineage-graph.cte.repository';
import { LINEAGE_GRAPH } from './lineage-graph';
import { LineageEdgeRepository } from './lineage-edge.repository';
import { LineageNodeRepository } from './lineage-node.repository';
import { LineageWriter } from './lineage-writer.service';
import { LineageService } from './lineage.service';
import { LineageEdgeResolver, LineageNodeAtDepthResolver, LineageResolver } from './lineage.resolver';

@Module({
  providers: [
    { provide: LINEAGE_GRAPH, useClass: CteLineageGraph },
    LineageEdgeRepository,
    LineageNodeRepository,
    LineageWriter,
    LineageService,
    LineageResolver,
    LineageNodeAtDepthResolver,
    LineageEdgeResolver,
  ],
  exports: [LINEAGE_GRAPH, LineageEdgeRepository, LineageNodeRepository, LineageWriter, LineageService],
})
export class LineageModule {}
