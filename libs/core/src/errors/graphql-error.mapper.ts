import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

const GENERIC_INTERNAL = 'Internal server error. The failure was logged with the request id.';

export interface MappedError {
  formatted: GraphQLFormattedError;
  /** True when the cause was masked and must be logged server-side. */
  internal: boolean;
}

/**
 * The single place where failures become GraphQL errors. DomainErrors keep their code, message
 * and field; errors graphql-js raises about the request itself (syntax, validation, variable
 * coercion) are the client's and keep their message; anything else is masked, so no SQL,
 * stack or driver message ever reaches a client.
 */
export function toFormattedError(error: GraphQLError, enumValues: (enumName: string) => string[] | null = () => null): MappedError {
  const base: GraphQLFormattedError = { message: '', locations: error.locations, path: error.path };
  const cause = rootCause(error);
  if (cause instanceof DomainError) {
    return { formatted: { ...base, message: cause.message, extensions: cause.extensions }, internal: false };
  }
  // A GraphQLError raised during execution (it has a path) without a domain cause is a server
  // fault, e.g. a null in a non-null field; only request-level errors are the client's.
  if (cause instanceof GraphQLError && !(cause.path ?? error.path)) {
    // Our own request rules (limits) give their code and details; keep them.
    const own = cause.extensions?.code;
    if (typeof own === 'string' && (Object.values(ErrorCode) as string[]).includes(own)) {
      return { formatted: { ...base, message: cause.message, extensions: { ...cause.extensions } }, internal: false };
    }
    const extensions: Record<string, unknown> = { code: ErrorCode.INVALID_INPUT };
    // The outermost message carries graphql-js's context, e.g. which variable path was invalid.
    let message = error.message;
    // graphql-js names the bad enum value but not the accepted ones; a GraphiQL user needs both.
    const bad = /Value "[^"]*" does not exist in "(\w+)" enum\./.exec(message);
    const accepted = bad ? enumValues(bad[1]) : null;
    if (accepted) {
      message = `${message} Accepted: ${accepted.join(', ')}.`;
      extensions.accepted = accepted.join(', ');
    }
    return { formatted: { ...base, message, extensions }, internal: false };
  }
  return { formatted: { ...base, message: GENERIC_INTERNAL, extensions: { code: ErrorCode.INTERNAL } }, internal: true };
}

function rootCause(error: GraphQLError): unknown {
  let current: unknown = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
