// The access library's table, without Nest: the data source lists it (libs/database/src/entities.ts).
import { ApiTokenEntity } from './api-token.entity';

export { ApiTokenEntity };
export const ACCESS_ENTITIES = [ApiTokenEntity];
