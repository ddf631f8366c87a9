import { ErrorCode } from '../errors/error-code';
import { timeSlice } from './time-slice';

const now = new Date('2026-06-15T10:00:00Z');

describe('timeSlice', () => {
  it.each([
    ['nothing given: the present, no slice', undefined, undefined, null],
    [
      'asOf alone: ownership judged on that day too',
      new Date('2025-03-01T23:30:00Z'),
      undefined,
      { recordedAt: new Date('2025-03-01T23:30:00Z'), validOn: '2025-03-01' },
    ],
    ['validAt alone: today’s knowledge of another day', null, '2020-01-01', { recordedAt: null, validOn: '2020-01-01' }],
    ['both', new Date('2025-03-01T00:00:00Z'), '2030-12-31', { recordedAt: new Date('2025-03-01T00:00:00Z'), validOn: '2030-12-31' }],
    ['asOf exactly now', now, undefined, { recordedAt: now, validOn: '2026-06-15' }],
    [
      'before anything existed: a valid, empty past',
      new Date('1970-01-01T00:00:00Z'),
      undefined,
      { recordedAt: new Date('1970-01-01T00:00:00Z'), validOn: '1970-01-01' },
    ],
  ])('%s', (_, asOf, validAt, expected) => {
    expect(timeSlice(asOf, validAt, now)).toEqual(expected);
  });

  it.each([
    ['a future asOf', new Date('2026-06-15T10:00:01Z'), undefined, 'asOf', /in the future/],
    ['an invalid asOf', new Date('nope'), undefined, 'asOf', /not a date-time/],
    ['a validAt that is no calendar day', undefined, '2025-02-30', 'validAt', /not a date/],
  ])('refuses %s with INVALID_INPUT naming the argument', (_, asOf, validAt, field, message) => {
    expect(() => timeSlice(asOf, validAt, now)).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field, message: expect.stringMatching(message) }),
    );
  });

  it('names the argument it was given as', () => {
    expect(() => timeSlice(new Date('2027-01-01T00:00:00Z'), undefined, now, 'to')).toThrow(expect.objectContaining({ field: 'to' }));
  });
});
