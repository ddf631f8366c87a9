import { ErrorCode } from '../errors';
import { encodeCursor, toPageRequest } from './cursor';

describe('cursors', () => {
  it('round-trips a keyset id', () => {
    expect(toPageRequest('model', 10, encodeCursor('model', '42'))).toEqual({ afterId: '42', limit: 10 });
  });

  it.each([
    [0, null, 'first'],
    [501, null, 'first'],
    [10, encodeCursor('dataset', '1'), 'after'],
    [10, 'garbage', 'after'],
  ])('rejects first=%p after=%p naming %s', (first, after, field) => {
    expect(() => toPageRequest('model', first, after)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field }));
  });
});
