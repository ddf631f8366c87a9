import type { FastifyInstance } from 'fastify';
import { requestContext } from '@pedigree/core';
import { sqlDiagnostics } from '@pedigree/database';

/**
 * Opens a per-request SQL counting scope and, when diagnostics are on, reports the count in
 * `extensions.diagnostics`. Tests use it to prove batching and that rejected requests run no SQL.
 */
export function registerSqlScope(fastify: FastifyInstance): void {
  // Both scopes are opened around the rest of the request's processing.
  fastify.addHook('onRequest', (_req, _reply, done) => requestContext.run(() => sqlDiagnostics.run(done)));
}

/** Call after Mercurius is registered (after `app.init()`). */
export function reportDiagnostics(fastify: FastifyInstance): void {
  const graphql = (fastify as unknown as { graphql: { addHook: (name: string, fn: (execution: any) => Promise<void>) => void } }).graphql;
  graphql.addHook('onResolution', async (execution) => {
    execution.extensions = { ...(execution.extensions ?? {}), diagnostics: { sqlQueries: sqlDiagnostics.current() } };
  });
}
