import { GraphQLError } from 'graphql';
import { ErrorCode } from '@pedigree/core';

/** A request refused for its size; `limit` names the setting an operator would raise. */
export function limitError(message: string, limit: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.LIMIT_EXCEEDED, limit, ...details } });
}
