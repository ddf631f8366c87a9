import { Injectable, Logger } from '@nestjs/common';
import { GqlOptionsFactory } from '@nestjs/graphql';
import { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExecutionResult, GraphQLError, GraphQLSchema, isEnumType } from 'graphql';
import { toFormattedError } from '@pedigree/core';
import { sqlDiagnostics } from '@pedigree/database';
import { LoaderFactory } from './loader.factory';
import { limitRules, withoutSuggestions } from './request-limits';
import { fromHttpLayer } from './http-layer-errors';
import { readAppConfig } from '../app.config';
import { subscriptionOptions } from './subscription-options';

@Injectable()
export class GraphqlOptionsFactory implements GqlOptionsFactory<MercuriusDriverConfig> {
  private readonly logger = new Logger('GraphQL');

  constructor(private readonly loaders: LoaderFactory) {}

  createGqlOptions(): MercuriusDriverConfig {
    const config = readAppConfig();
    return {
      autoSchemaFile: true,
      sortSchema: true,
      path: '/graphql',
      // Mercurius's built-in GraphiQL loads from a CDN; ours is served from node_modules.
      graphiql: false,
      // Compile a query after it has been seen twice; hot audit queries then skip the interpreter.
      jit: 2,
      allowBatchedQueries: true,
      validationRules: limitRules(config),
      context: (request: FastifyRequest, reply: FastifyReply) => ({
        req: request,
        reply,
        loaders: this.loaders.create(),
      }),
      subscription: subscriptionOptions(() => this.loaders.create()),
      errorFormatter: (execution: ExecutionResult & { errors?: readonly GraphQLError[] }, context: { app?: { graphql?: { schema?: GraphQLSchema } } }) => {
        const schema = context?.app?.graphql?.schema;
        const enumValues = (name: string) => {
          const type = schema?.getType(name);
          return type && isEnumType(type) ? type.getValues().map((v) => v.name) : null;
        };
        const raw = (execution.errors ?? []).flatMap(expandRequestErrors).map((e) => fromHttpLayer(e, config.limits.bodyBytes));
        const errors = raw.map((error) => {
          const { formatted, internal } = toFormattedError(error, enumValues);
          if (internal) this.logger.error(describeInternal(error));
          return config.production ? { ...formatted, message: withoutSuggestions(formatted.message) } : formatted;
        });
        const response: Record<string, unknown> = { data: execution.data ?? null, errors };
        if (config.diagnostics) response.extensions = diagnosticsExtension();
        return { statusCode: statusFor(execution, raw), response: response as ExecutionResult };
      },
    };
  }
}

/** Mercurius wraps all validation failures of a request into one error with an `errors` array. */
function expandRequestErrors(error: GraphQLError): GraphQLError[] {
  const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(nested)) return [error];
  return nested.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e))));
}

/**
 * As Mercurius does by default: 200 once execution produced data, otherwise the status of the
 * request error (ours after fromHttpLayer, e.g. 413, else the one Mercurius or Fastify set).
 */
function statusFor(execution: ExecutionResult, errors: readonly GraphQLError[]): number {
  if (execution.data) return 200;
  const statusOf = (e: GraphQLError | undefined) => (e?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  const status = statusOf(errors[0]) ?? statusOf((execution as { errors?: readonly GraphQLError[] }).errors?.[0]);
  return typeof status === 'number' ? status : 200;
}

export function diagnosticsExtension(): Record<string, unknown> {
  return { diagnostics: { sqlQueries: sqlDiagnostics.current() } };
}

function describeInternal(error: GraphQLError): string {
  const cause = error.originalError ?? error;
  return `${error.path?.join('.') ?? '(request)'}: ${cause.stack ?? cause.message}`;
}
