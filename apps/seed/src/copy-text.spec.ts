import { json, NULL, text, textArray } from './copy-text';

describe('COPY text encoding', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\there', 'tab\\there'],
    ['line\nbreak\r', 'line\\nbreak\\r'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes %j', (input, encoded) => expect(text(input)).toBe(encoded));

  it('writes NULL for missing values', () => {
    expect(text(null)).toBe(NULL);
    expect(json(undefined)).toBe(NULL);
  });

  it('doubles the backslashes JSON escapes use', () => expect(json({ q: 'say "hi"' })).toBe('{"q":"say \\\\"hi\\\\""}'));

  it('quotes array elements', () => {
    expect(textArray([])).toBe('{}');
    expect(textArray(['Apache-2.0', 'a "b"'])).toBe('{"Apache-2.0","a \\\\"b\\\\""}');
  });
});
