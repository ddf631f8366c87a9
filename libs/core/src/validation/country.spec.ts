import { ErrorCode } from '../errors';
import { normalizeCountry } from './country';

describe('normalizeCountry', () => {
  it.each([['us', 'US'], [' CN ', 'CN'], [null, null]])('%p → %p', (input, out) => expect(normalizeCountry(input, 'c')).toBe(out));
  it.each(['XX', 'USA', 'China', ''])('rejects %p', (input) => {
    expect(() => normalizeCountry(input, 'input.country')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field: 'input.country' }));
  });
});
