import { ErrorCode } from '@pedigree/core';
import { normalizeLicense } from './license-expression';

describe('normalizeLicense', () => {
  it.each([
    ['Apache-2.0', 'Apache-2.0', ['Apache-2.0'], false],
    ['Apache 2.0', 'Apache-2.0', ['Apache-2.0'], true],
    ['mit', 'MIT', ['MIT'], true],
    ['MIT OR (Apache-2.0 AND LicenseRef-llama3.1)', 'MIT OR Apache-2.0 AND LicenseRef-llama3.1', ['MIT', 'Apache-2.0', 'LicenseRef-llama3.1'], false],
    ['(MIT OR Apache-2.0) AND CC-BY-4.0', '(MIT OR Apache-2.0) AND CC-BY-4.0', ['MIT', 'Apache-2.0', 'CC-BY-4.0'], false],
    ['GPL-2.0-or-later WITH Classpath-exception-2.0', 'GPL-2.0-or-later WITH Classpath-exception-2.0', ['GPL-2.0-or-later'], false],
    ['LicenseRef-gemma', 'LicenseRef-gemma', ['LicenseRef-gemma'], false],
  ])('%s normalizes to %s', (input, expression, ids, corrected) => {
    const result = normalizeLicense(input, 'input.license');
    expect(result).toEqual({ expression, ids, customRefs: ids.filter((i) => i.startsWith('LicenseRef-')), corrected });
  });

  it.each([null, '', '  ', 'NOASSERTION'])('treats %p as unknown', (input) => {
    expect(normalizeLicense(input, 'input.license')).toBeNull();
  });

  it.each(['Apache 2.0 OR', 'some custom thing', 'MIT AND', 'DocumentRef-x:LicenseRef-y'])('rejects %p naming the field', (input) => {
    expect(() => normalizeLicense(input, 'input.license')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field: 'input.license' }));
  });
});

describe('normalizeLicense corrections inside expressions', () => {
  it('corrects each operand and keeps operators', () => {
    expect(normalizeLicense('Apache 2.0 OR mit', 'f')?.expression).toBe('Apache-2.0 OR MIT');
  });
});

describe('normalizeLicense never drops part of a license', () => {
  it.each([
    ['apache-2.0 or mit', 'Apache-2.0 OR MIT'],
    ['MIT or Apache-2.0', 'MIT OR Apache-2.0'],
    ['CC BY NC 4.0', 'CC-BY-NC-4.0'],
  ])('%s → %s', (input, expression) => {
    expect(normalizeLicense(input, 'f')?.expression).toBe(expression);
  });

  it.each(['Apache-2.0 and foo', 'Apache-2.0 foo', 'MIT OR nonsense-license-xyz'])('rejects %p', (input) => {
    expect(() => normalizeLicense(input, 'input.license')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT }));
  });
});
