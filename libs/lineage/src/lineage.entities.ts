// The lineage library's tables, without Nest: the data source lists them (libs/database/src/entities.ts).
import { LineageEdgeEntity } from './lineage-edge.entity';
import { LineageNodeEntity } from './lineage-node.entity';
import { LineageRetractionEntity } from './lineage-retraction.entity';
import { RecordedEvidenceColumns } from './lineage-evidence.columns';

export { LineageEdgeEntity, LineageNodeEntity, LineageRetractionEntity, RecordedEvidenceColumns };
export const LINEAGE_ENTITIES = [LineageNodeEntity, LineageEdgeEntity, LineageRetractionEntity];
