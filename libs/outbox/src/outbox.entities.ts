// The outbox library's table, without Nest: the data source lists it (libs/database/src/entities.ts).
import { EventOutboxEntity } from './outbox-event.entity';

export { EventOutboxEntity };
export const OUTBOX_ENTITIES = [EventOutboxEntity];
