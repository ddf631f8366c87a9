import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NoSchemaIntrospectionCustomRule, ValidationRule } from 'graphql';
import { ErrorCode } from '@pedigree/core';
import { AppConfig } from '../app.config';
import { shapeLimitRule } from './limits/limit-rules';
import { RateLimiter } from './rate-limiter';

/** Validation rules: they run before execution, so a refused request costs no resolver and no SQL. */
export function limitRules(config: AppConfig): ValidationRule[] {
  const { limits } = config;
  const rules: ValidationRule[] = [shapeLimitRule(limits)];
  if (!config.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/** In production, field suggestions would map the schema for an attacker even with introspection off. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean[^?]*\?/g, '');
}

function graphqlError(reply: FastifyReply, status: number, message: string, code: ErrorCode, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ data: null, errors: [{ message, extensions: { code, ...extensions } }] });
}

const isGraphql = (req: FastifyRequest) => req.url === '/graphql' || req.url.startsWith('/graphql?');

/**
 * Rate limits key on identity only once it is verified: a token verified recently has its own
 * bucket; anything else (no token, a made-up or revoked one) shares its address's smaller bucket.
 * Random bearer values therefore cannot mint fresh buckets, and they are counted before any SQL.
 */
export function registerRateLimit(fastify: FastifyInstance, config: AppConfig, recognize: (authorization: string | undefined) => string | null): void {
  const limiter = new RateLimiter();
  const { ratePerMinute, anonymousRatePerMinute } = config.limits;
  const unverified = new WeakSet<FastifyRequest>();
  // A token's first request (or its first after a long pause) was counted against the address;
  // once it verified, count it against the token too, so the token's limit stays exact.
  fastify.addHook('onResponse', async (req) => {
    if (!unverified.has(req)) return;
    const tokenId = recognize(req.headers.authorization);
    if (tokenId) limiter.hit(`t:${tokenId}`, ratePerMinute);
  });
  fastify.addHook('onRequest', async (req, reply) => {
    if (!isGraphql(req)) return;
    const tokenId = recognize(req.headers.authorization);
    const [key, max, setting] = tokenId
      ? [`t:${tokenId}`, ratePerMinute, 'PEDIGREE_RATE_LIMIT_PER_MINUTE']
      : [`ip:${req.ip}`, anonymousRatePerMinute, 'PEDIGREE_RATE_LIMIT_ANONYMOUS_PER_MINUTE'];
    const retryAfter = limiter.hit(key, max);
    if (retryAfter === null) {
      if (!tokenId) unverified.add(req);
      return;
    }
    void reply.header('retry-after', String(retryAfter));
    const who = tokenId ? 'this token' : 'this address without a verified token';
    return graphqlError(
      reply,
      429,
      `Rate limit of ${max} requests per minute for ${who} exceeded (${setting}); retry in ${retryAfter} s.`,
      ErrorCode.RATE_LIMITED,
      {
        limit: setting,
        max,
        retryAfterSeconds: retryAfter,
      },
    );
  });
}

/** Hooks on the HTTP layer, registered before the app starts. */
export function registerRequestLimits(fastify: FastifyInstance, config: AppConfig): void {
  fastify.addHook('preValidation', async (req, reply) => {
    if (!isGraphql(req) || req.method !== 'POST') return;
    const body = req.body as unknown;
    if (Array.isArray(body) && body.length > config.limits.maxBatch) {
      return graphqlError(
        reply,
        400,
        `A batch may hold at most ${config.limits.maxBatch} operations (PEDIGREE_MAX_BATCH); this one holds ${body.length}.`,
        ErrorCode.LIMIT_EXCEEDED,
        {
          limit: 'PEDIGREE_MAX_BATCH',
          max: config.limits.maxBatch,
          found: body.length,
        },
      );
    }
    const ops = Array.isArray(body) ? body : [body];
    // Mercurius would take a missing or non-text query for a parsed document and fail inside graphql-js.
    const bad = ops.findIndex((op) => !op || typeof op !== 'object' || typeof (op as { query?: unknown }).query !== 'string');
    if (bad >= 0) {
      const where = Array.isArray(body) ? `Operation ${bad} of the batch` : 'The request';
      return graphqlError(
        reply,
        400,
        `${where} has no query text. Send {"query": "{ … }", "variables": {…}} with the query as a string.`,
        ErrorCode.INVALID_INPUT,
        { field: 'query' },
      );
    }
    // GraphQL-over-HTTP allows "extensions": null; Mercurius would otherwise reject it.
    for (const op of ops) {
      if (op && typeof op === 'object' && (op as Record<string, unknown>).extensions === null) delete (op as Record<string, unknown>).extensions;
    }
  });

  if (config.production) {
    // CSRF: a browser can send "simple" cross-site requests (forms, text/plain) without a preflight.
    // Requiring JSON on POST, and a custom header on GET, forces a preflight the browser will not pass.
    fastify.addHook('onRequest', async (req, reply) => {
      if (!isGraphql(req)) return;
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      if (req.method === 'POST' && type !== 'application/json' && type !== 'application/graphql-response+json') {
        return graphqlError(reply, 415, 'Send GraphQL requests as application/json.', ErrorCode.INVALID_INPUT);
      }
      if (req.method === 'GET' && !req.headers['x-pedigree-csrf']) {
        return graphqlError(reply, 400, 'GET requests need the header "x-pedigree-csrf: 1" (CSRF protection).', ErrorCode.INVALID_INPUT);
      }
    });
  }
}
