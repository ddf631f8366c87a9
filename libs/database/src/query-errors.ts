import { Deadline, DomainError, ErrorCode } from '@pedigree/core';

/** pg-pool's message when no connection became free within connectionTimeoutMillis. */
const ACQUIRE_TIMEOUT = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/;
/** SQLSTATE 40P01 and 40001: chosen as a deadlock or serialization victim. */
const DEADLOCK = '40P01';
const SERIALIZATION = '40001';
/** SQLSTATE 57014: cancelled by us at the deadline, or by statement_timeout. */
const QUERY_CANCELED = '57014';
/** Connection-level failures: the server is down or restarting. */
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|Connection terminated unexpectedly|the database system is (starting up|shutting down)/;

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns the failures a client can act on (wait, ask for less) into domain errors; anything else
 * stays as it is and is reported as INTERNAL by the one error mapper.
 */
export function toQueryError(error: unknown, deadline: Deadline | null, limits: { statementTimeoutMs: number; acquireTimeoutMs: number }): unknown {
  if (error instanceof DomainError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (sqlState(error) === QUERY_CANCELED) {
    if (deadline?.isExpired) return deadline.error();
    return new DomainError(
      ErrorCode.TIMEOUT,
      `A database statement ran longer than its ${limits.statementTimeoutMs} ms limit (PEDIGREE_STATEMENT_TIMEOUT_MS) and was cancelled; nothing the request was writing was kept.`,
      undefined,
      { limit: 'PEDIGREE_STATEMENT_TIMEOUT_MS', limitMs: limits.statementTimeoutMs },
    );
  }
  if (sqlState(error) === DEADLOCK || sqlState(error) === SERIALIZATION) {
    // Not the client's mistake and not a bug: two writers crossed; the whole transaction rolled back.
    return new DomainError(
      ErrorCode.UNAVAILABLE,
      'The database chose this request as a deadlock or serialization victim; nothing it was writing was kept. Retry it.',
    );
  }
  if (ACQUIRE_TIMEOUT.test(message)) {
    return new DomainError(
      ErrorCode.UNAVAILABLE,
      `No database connection became free within ${limits.acquireTimeoutMs} ms (PEDIGREE_DB_ACQUIRE_TIMEOUT_MS): the registry is saturated. Retry shortly.`,
      undefined,
      { limit: 'PEDIGREE_DB_ACQUIRE_TIMEOUT_MS', limitMs: limits.acquireTimeoutMs },
    );
  }
  if (UNREACHABLE.test(message)) {
    return new DomainError(ErrorCode.UNAVAILABLE, 'The database is unreachable right now. Retry shortly.');
  }
  return error;
}

/** SQLSTATE classes that say nothing about the statement: connection (08), rollback (40: serialization, deadlock), resources (53), operator (57P0x). */
const TRANSIENT_STATE = /^(08|40|53|57P0)/;

/**
 * A failure that retrying the same work later can cure: the database unreachable, restarting or
 * saturated, or the transaction chosen as a deadlock or serialization victim. Background workers
 * back off on these instead of blaming the work in hand (a statement timeout is not one: the same
 * work would time out again).
 */
export function isTransientDatabaseFailure(error: unknown): boolean {
  if (error instanceof DomainError) return error.code === ErrorCode.UNAVAILABLE;
  const state = sqlState(error);
  if (state && TRANSIENT_STATE.test(state)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return ACQUIRE_TIMEOUT.test(message) || UNREACHABLE.test(message);
}
