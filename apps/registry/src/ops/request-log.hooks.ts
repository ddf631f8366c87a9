import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's x-request-id when sane, else a new UUID; echoed back on the response. */
export function requestId(req: { headers: Record<string, unknown> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * One JSON line per request, written when the response is sent. Only method, path, status, time
 * and request id are logged: never headers, so tokens cannot leak into logs.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  fastify.addHook('onResponse', async (req, reply) => {
    const line = {
      reqId: req.id,
      method: req.method,
      path: req.url.split('?')[0],
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (reply.statusCode >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  });
}
