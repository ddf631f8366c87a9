import type { FastifyInstance } from 'fastify';
import { sqlDiagnostics } from '@pedigree/database';

/** Call after Mercurius is registered (after `app.init()`). */
export function reportDiagnostics(fastify: FastifyInstance): void {
  const graphql = (fastify as unknown as { graphql: { addHook: (name: string, fn: (execution: any) => Promise<void>) => void } }).graphql;
  graphql.addHook('onResolution', async (execution) => {
    execution.extensions = { ...(execution.extensions ?? {}), diagnostics: { sqlQueries: sqlDiagnostics.current() } };
  });
}
