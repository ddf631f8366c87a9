import { CreateRegistrySchema1764043200000 } from './1764043200000-CreateRegistrySchema';

/** Listed explicitly, in order, so the compiled app never depends on a filesystem glob. */
export const migrations = [CreateRegistrySchema1764043200000];
