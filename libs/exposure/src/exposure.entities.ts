// The exposure library's one table, without Nest: the data source lists it (libs/database/src/entities.ts).
import { ExposureChangeEntity } from './exposure-events/exposure-change.entity';

export const EXPOSURE_ENTITIES = [ExposureChangeEntity];
