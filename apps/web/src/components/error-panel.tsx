import type { ApiError } from '../api/graphql-client';
import { href, Link } from '../app/router';

const ADVICE: Record<ApiError['kind'], string> = {
  UNAUTHENTICATED: 'Your token was not accepted: it may be mistyped, revoked or expired. Sign in again with a valid token.',
  FORBIDDEN: 'Your token’s role may not read this. An AUDITOR or ADMIN token can; see the roles on the sign-in page.',
  NOT_FOUND: 'Nothing by that name is registered. Check the spelling or search for it.',
  BAD_INPUT: 'The registry refused the input as given.',
  LIMIT: 'The request was over one of the registry’s limits. Narrow it and try again.',
  SERVER: 'The registry had a problem answering. Try again; if it persists, the operator can find the request in the server log.',
  NETWORK: 'The registry could not be reached.',
};

/** What went wrong, in words, and what to do next. Never a blank page. */
export function ErrorPanel({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="error-panel" role="alert">
      <h2>{error.kind === 'NOT_FOUND' ? 'Not found' : error.kind === 'UNAUTHENTICATED' ? 'Sign-in needed' : 'Something went wrong'}</h2>
      <p>{ADVICE[error.kind]}</p>
      <p className="error-detail">
        The registry said: <q>{error.message}</q>
        {error.code ? ` (${error.code})` : ''}
      </p>
      <p className="no-print">
        {error.kind === 'UNAUTHENTICATED' || error.kind === 'FORBIDDEN' ? (
          <Link to={href('/sign-in', { next: window.location.pathname + window.location.search })}>Sign in with another token</Link>
        ) : null}
        {onRetry && error.kind !== 'NOT_FOUND' ? (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </p>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
