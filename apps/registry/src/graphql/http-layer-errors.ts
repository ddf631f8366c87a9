import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode } from '@pedigree/core';

/**
 * Fastify refuses some requests before GraphQL sees them (a body that is not JSON, too large, of
 * another media type). Those are client mistakes with an HTTP status of their own; give them the
 * registry's codes instead of letting them surface as INTERNAL.
 */
export function fromHttpLayer(error: GraphQLError, bodyBytes: number): GraphQLError {
  const cause = error.originalError as { code?: unknown; statusCode?: unknown; message?: string } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const wrap = (domain: DomainError, statusCode: number) => new GraphQLError(domain.message, { originalError: Object.assign(domain, { statusCode }) });
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return wrap(
      new DomainError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `The request body is over the limit of ${bodyBytes} bytes (PEDIGREE_MAX_BODY_BYTES). Send less per request, e.g. smaller batches.`,
        undefined,
        {
          limit: 'PEDIGREE_MAX_BODY_BYTES',
          max: bodyBytes,
        },
      ),
      413,
    );
  }
  if (
    code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (cause instanceof SyntaxError && (cause as { statusCode?: unknown }).statusCode === 400)
  ) {
    return wrap(
      new DomainError(
        ErrorCode.INVALID_INPUT,
        `The request body is not valid JSON (${cause?.message ?? 'unparsable'}). Send {"query": "…", "variables": {…}}.`,
      ),
      400,
    );
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return wrap(
      new DomainError(ErrorCode.INVALID_INPUT, `${cause?.message ?? 'Unsupported request'}. Send GraphQL requests as application/json.`),
      Number(cause?.statusCode) || 400,
    );
  }
  return error;
}
