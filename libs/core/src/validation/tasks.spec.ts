import { ErrorCode } from '../errors';
import { normalizeTasks } from './tasks';

describe('normalizeTasks', () => {
  it.each([
    [null, []],
    [undefined, []],
    [[], []],
    [
      ['code', 'chat'],
      ['chat', 'code'],
    ],
    [
      [' Chat ', 'chat', 'CODE'],
      ['chat', 'code'],
    ],
    [['speech-to-text'], ['speech-to-text']],
  ])('%p → %p', (input, out) => expect(normalizeTasks(input, 'input.tasks')).toEqual(out));

  it.each([
    [['chat', ''], 'input.tasks[1]'],
    [['chat bot'], 'input.tasks[0]'],
    [['chat', 'code', '-x'], 'input.tasks[2]'],
    [['ok', 'é'], 'input.tasks[1]'],
    [['x'.repeat(41)], 'input.tasks[0]'],
    [Array.from({ length: 21 }, (_, i) => `t${i}`), 'input.tasks'],
  ])('rejects %p naming %s', (input, field) => {
    expect(() => normalizeTasks(input, 'input.tasks')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field }));
  });
});
