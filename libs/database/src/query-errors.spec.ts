import { DomainError, ErrorCode } from '@pedigree/core';
import { isTransientDatabaseFailure, toQueryError } from './query-errors';

const pgError = (code: string, message = 'pg failure') => Object.assign(new Error(message), { code });

describe('isTransientDatabaseFailure', () => {
  it('is true for an unreachable, restarting or saturated database and for deadlock or serialization victims', () => {
    expect(isTransientDatabaseFailure(new DomainError(ErrorCode.UNAVAILABLE, 'The database is unreachable right now.'))).toBe(true);
    expect(isTransientDatabaseFailure(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isTransientDatabaseFailure(pgError('40P01', 'deadlock detected'))).toBe(true);
    expect(isTransientDatabaseFailure(pgError('40001', 'could not serialize access'))).toBe(true);
    expect(isTransientDatabaseFailure(pgError('08006'))).toBe(true);
    expect(isTransientDatabaseFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDatabaseFailure({ driverError: { code: '53300' } })).toBe(true);
  });

  it('is false for faults in the work itself: bad SQL, constraint violations, statement timeouts, program errors', () => {
    expect(isTransientDatabaseFailure(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isTransientDatabaseFailure(pgError('23505', 'duplicate key value'))).toBe(false);
    expect(isTransientDatabaseFailure(pgError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isTransientDatabaseFailure(new DomainError(ErrorCode.TIMEOUT, 'A database statement ran longer than its limit'))).toBe(false);
    expect(isTransientDatabaseFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});

describe('toQueryError', () => {
  const limits = { statementTimeoutMs: 1000, acquireTimeoutMs: 1000 };
  it('turns a deadlock or serialization victim into UNAVAILABLE (retry), never an internal error', () => {
    for (const code of ['40P01', '40001']) {
      expect(toQueryError(pgError(code, 'deadlock detected'), null, limits)).toMatchObject({
        code: ErrorCode.UNAVAILABLE,
        message: expect.stringContaining('Retry'),
      });
    }
    const other = pgError('42P01', 'relation "x" does not exist');
    expect(toQueryError(other, null, limits)).toBe(other);
  });
});
