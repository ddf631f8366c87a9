import { GraphQLError } from 'graphql';
import { toFormattedError } from '@pedigree/core';
import { withoutSuggestions } from './request-limits';

/**
 * Mercurius sends a subscription's refusal over the socket as it was thrown, without the error
 * formatter: map it here instead, so a client mistake keeps its code and a fault leaks nothing.
 * `onInternal` hears what was masked, for the server log.
 */
export function socketError(exception: unknown, onInternal: (detail: string) => void, production = false): GraphQLError {
  const error = exception instanceof GraphQLError ? exception : new GraphQLError(String((exception as Error)?.message), { originalError: exception as Error });
  const { formatted, internal } = toFormattedError(error);
  if (internal) onInternal((exception as Error)?.stack ?? String(exception));
  return new GraphQLError(production ? withoutSuggestions(formatted.message) : formatted.message, { extensions: formatted.extensions });
}
