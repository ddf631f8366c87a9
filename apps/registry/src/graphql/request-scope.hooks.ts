import type { FastifyInstance } from 'fastify';
import { Deadline, requestContext } from '@pedigree/core';
import { sqlDiagnostics } from '@pedigree/database';

declare module 'fastify' {
  interface FastifyRequest {
    deadline?: Deadline;
  }
}

/**
 * Opens each request's scopes: its identity slot, its deadline (PEDIGREE_REQUEST_TIMEOUT_MS) and
 * its SQL count. The deadline is armed here and cleared when the response is sent. A WebSocket
 * upgrade gets none: its socket lives on after the handshake and is never "answered", and each
 * subscription on it opens its own scope (subscription-checks.hooks.ts).
 */
export function registerRequestScope(fastify: FastifyInstance, requestTimeoutMs: number): void {
  fastify.addHook('onRequest', (req, _reply, done) => {
    if (isWebSocketUpgrade(req.headers.upgrade)) return requestContext.run(() => sqlDiagnostics.run(done));
    const deadline = new Deadline(requestTimeoutMs, 'PEDIGREE_REQUEST_TIMEOUT_MS').start();
    req.deadline = deadline;
    requestContext.run(() => sqlDiagnostics.run(done), deadline);
  });
  fastify.addHook('onResponse', async (req) => req.deadline?.finish());
}

const isWebSocketUpgrade = (upgrade: string | undefined) => upgrade?.toLowerCase() === 'websocket';
