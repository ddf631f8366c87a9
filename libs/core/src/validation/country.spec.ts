import { ErrorCode } from '../errors';
import { normalizeCountry } from './country';

describe('normalizeCountry', () => {
  it.each([
    ['us', 'US'],
    [' CN ', 'CN'],
    [null, null],
    ['DEU', 'DE'],
    ['usa', 'US'],
    ['Germany', 'DE'],
    ['germany', 'DE'],
    ['United Kingdom', 'GB'],
    ['United States of America', 'US'],
    ['South Korea', 'KR'],
    ['Türkiye', 'TR'],
  ])('%p → %p', (input, out) => expect(normalizeCountry(input, 'c')).toBe(out));
  it.each(['XX', 'XYZ', 'Atlantis', 'Holland', '', 'U'])('rejects %p, naming the field and the accepted forms', (input) => {
    expect(() => normalizeCountry(input, 'input.country')).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field: 'input.country', message: expect.stringContaining('English country name') }),
    );
  });
});
