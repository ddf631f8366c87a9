import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { DocumentNode, GraphQLSchema, specifiedRules, validate, ValidationRule } from 'graphql';
import { Principal, requestContext } from '@pedigree/core';
import { LiveConnection } from './live-connection';
import { socketError } from './socket-error';

interface SubscribeContext {
  authorization?: string;
  principal?: Principal;
  connection?: LiveConnection;
}

export interface SubscriptionChecks {
  /** The request's validation rules (shape limits, introspection), as over HTTP. */
  rules: ValidationRule[];
  production: boolean;
  /** Null when authentication is off; the access guard then acts for everyone. */
  authenticate: ((authorization: string | undefined) => Promise<Principal>) | null;
}

/**
 * Mercurius executes a subscription document without validating it and without the request's
 * scope. Before each subscribe: a fresh scope (identity, no deadline), the same validation as an
 * HTTP request, and the token check, whose principal the access guard then reuses.
 */
export function registerSubscriptionChecks(fastify: FastifyInstance, checks: SubscriptionChecks): void {
  const logger = new Logger('GraphQL');
  const rules = [...specifiedRules, ...checks.rules];
  const graphql = (fastify as unknown as { graphql: { addHook(name: string, fn: (...args: any[]) => Promise<void>): void } }).graphql;
  graphql.addHook('preSubscriptionExecution', async (schema: GraphQLSchema, document: DocumentNode, context: SubscribeContext) => {
    // Synchronously, before any await: the scope must cover the rest of this subscribe.
    requestContext.enterSubscription();
    const errors = validate(schema, document, rules);
    if (errors.length) throw socketError(errors[0], (detail) => logger.error(detail), checks.production);
    if (!checks.authenticate) return;
    try {
      context.principal = await checks.authenticate(context.authorization);
    } catch (e) {
      context.connection?.refused();
      throw socketError(e, (detail) => logger.error(`subscription authentication: ${detail}`), checks.production);
    }
    context.connection?.authenticated();
  });
}
