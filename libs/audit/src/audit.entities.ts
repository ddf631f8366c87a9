// The audit library's tables, without Nest: the data source lists them (libs/database/src/entities.ts).
import { AuditEventEntity } from './audit-event.entity';
import { AuditTreeHeadEntity } from './audit-tree-head.entity';

export { AuditEventEntity, AuditTreeHeadEntity };
export const AUDIT_ENTITIES = [AuditEventEntity, AuditTreeHeadEntity];
