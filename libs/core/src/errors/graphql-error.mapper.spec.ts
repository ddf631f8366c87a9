import { GraphQLError } from 'graphql';
import { DomainError, invalidInput } from './domain-error';
import { ErrorCode } from './error-code';
import { toFormattedError } from './graphql-error.mapper';

const wrap = (cause: Error) => new GraphQLError(cause.message, { originalError: cause, path: ['registerModel'] });

describe('toFormattedError', () => {
  it('keeps a domain error code, field and details', () => {
    const { formatted, internal } = toFormattedError(wrap(invalidInput('input.country', '"XX" is not a country code', 'ISO alpha-2')));
    expect(internal).toBe(false);
    expect(formatted.extensions).toEqual({ code: ErrorCode.INVALID_INPUT, field: 'input.country', accepted: 'ISO alpha-2' });
    expect(formatted.message).toContain('input.country');
  });

  it('masks anything else so no SQL or stack reaches the client', () => {
    const driverError = new Error('duplicate key value violates unique constraint "model_pkey" in SELECT * FROM model');
    const { formatted, internal } = toFormattedError(wrap(driverError));
    expect(internal).toBe(true);
    expect(formatted.extensions).toEqual({ code: ErrorCode.INTERNAL });
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|model_pkey|at /);
  });

  it('treats graphql-js request errors as invalid input and lists accepted enum values', () => {
    const error = new GraphQLError('Value "FOO" does not exist in "Relation" enum.');
    const { formatted } = toFormattedError(error, (name) => (name === 'Relation' ? ['FINETUNE', 'MERGE'] : null));
    expect(formatted.extensions).toEqual({ code: ErrorCode.INVALID_INPUT, accepted: 'FINETUNE, MERGE' });
    expect(formatted.message).toBe('Value "FOO" does not exist in "Relation" enum. Accepted: FINETUNE, MERGE.');
  });

  it('keeps the outer graphql-js message, which names the variable path', () => {
    const inner = new GraphQLError('Value "FOO" does not exist in "Relation" enum.');
    const outer = new GraphQLError('Variable "$i" got invalid value "FOO" at "i.relation"; Value "FOO" does not exist in "Relation" enum.', {
      originalError: inner,
    });
    expect(toFormattedError(outer).formatted.message).toContain('at "i.relation"');
  });

  it('masks execution errors that have a path but no domain cause', () => {
    const error = new GraphQLError('Cannot return null for non-nullable field Model.name.', { path: ['model', 'name'] });
    expect(toFormattedError(error)).toMatchObject({ internal: true, formatted: { extensions: { code: ErrorCode.INTERNAL } } });
  });

  it('unwraps nested GraphQLErrors to the domain cause', () => {
    const inner = wrap(new DomainError(ErrorCode.CYCLE, 'would create a cycle', 'input.source', { path: ['a', 'b', 'a'] }));
    const outer = new GraphQLError('outer', { originalError: inner });
    expect(toFormattedError(outer).formatted.extensions).toMatchObject({ code: ErrorCode.CYCLE, path: ['a', 'b', 'a'] });
  });
});
