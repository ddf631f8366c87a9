import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NoSchemaIntrospectionCustomRule, ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { AppConfig } from '../app.config';

/** Validation rules: they run before execution, so a refused request costs no resolver and no SQL. */
export function limitRules(config: AppConfig): ValidationRule[] {
  const { limits } = config;
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true }),
    maxAliasesRule({ n: limits.maxAliases }),
    costLimitRule({ maxCost: limits.maxCost }),
    maxDirectivesRule({ n: limits.maxDirectives }),
  ];
  if (!config.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/** In production, field suggestions would map the schema for an attacker even with introspection off. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean[^?]*\?/g, '');
}

function graphqlError(reply: FastifyReply, status: number, message: string, code: string): void {
  void reply.code(status).type('application/json; charset=utf-8').send({ data: null, errors: [{ message, extensions: { code } }] });
}

/** Hooks on the HTTP layer, registered before the app starts. */
export async function registerRequestLimits(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const isGraphql = (req: FastifyRequest) => req.url === '/graphql' || req.url.startsWith('/graphql?');

  await fastify.register(rateLimit, {
    global: true,
    // Health, metrics and GraphiQL assets are not rate limited; the API is.
    allowList: (req) => !isGraphql(req),
    max: config.limits.ratePerMinute,
    timeWindow: 60_000,
    // Per token (hashed, never kept in clear); anonymous callers are limited per address.
    keyGenerator: (req) => {
      const auth = req.headers.authorization;
      return auth ? `t:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      data: null,
      errors: [{ message: `Rate limit of ${ctx.max} requests per minute exceeded; retry in ${Math.ceil(ctx.ttl / 1000)} s.`, extensions: { code: 'RATE_LIMITED' } }],
    }),
  });
  fastify.addHook('preValidation', async (req, reply) => {
    if (!isGraphql(req) || req.method !== 'POST') return;
    const body = req.body as unknown;
    if (Array.isArray(body) && body.length > config.limits.maxBatch) {
      return graphqlError(reply, 400, `A batch may hold at most ${config.limits.maxBatch} operations; this one holds ${body.length}.`, 'INVALID_INPUT');
    }
    // GraphQL-over-HTTP allows "extensions": null; Mercurius would otherwise reject it.
    for (const op of Array.isArray(body) ? body : [body]) {
      if (op && typeof op === 'object' && (op as Record<string, unknown>).extensions === null) delete (op as Record<string, unknown>).extensions;
    }
  });

  if (config.production) {
    // CSRF: a browser can send "simple" cross-site requests (forms, text/plain) without a preflight.
    // Requiring JSON on POST, and a custom header on GET, forces a preflight the browser will not pass.
    fastify.addHook('onRequest', async (req, reply) => {
      if (!isGraphql(req)) return;
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (req.method === 'POST' && type !== 'application/json' && type !== 'application/graphql-response+json') {
        return graphqlError(reply, 415, 'Send GraphQL requests as application/json.', 'INVALID_INPUT');
      }
      if (req.method === 'GET' && !req.headers['x-pedigree-csrf']) {
        return graphqlError(reply, 400, 'GET requests need the header "x-pedigree-csrf: 1" (CSRF protection).', 'INVALID_INPUT');
      }
    });
  }
}
