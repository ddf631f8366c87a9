// The app's only way to the registry: POST /graphql with the signed-in token. Every failure
// becomes an ApiError with a kind the pages turn into a plain-language message, so no page can
// end blank or show a stack.
import { readToken } from '../app/token-store';

export type ApiErrorKind = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_INPUT' | 'LIMIT' | 'SERVER' | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

/** Registry error codes (ErrorCode in libs/core/src/errors/error-code.ts) to what the page should say about them. */
function kindOf(code: string | undefined): ApiErrorKind {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'UNAUTHENTICATED';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'INVALID_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return 'BAD_INPUT';
    case 'LIMIT_EXCEEDED':
    case 'PAYLOAD_TOO_LARGE':
    case 'RATE_LIMITED':
    case 'TIMEOUT':
      return 'LIMIT';
    default:
      return 'SERVER';
  }
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, token = readToken()): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('NETWORK', 'The registry could not be reached. Check that it is running and reload the page.');
  }
  let body: { data?: T | null; errors?: GraphqlError[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError('SERVER', `The registry answered ${response.status} ${response.statusText} without a GraphQL response.`);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(kindOf(first.extensions?.code), first.message, first.extensions?.code);
  if (!response.ok || body.data == null) throw new ApiError('SERVER', `The registry answered ${response.status} without data.`);
  return body.data;
}
