import { jcs } from './jcs';

const fromBits = (hex: string) => Buffer.from(hex.padStart(16, '0'), 'hex').readDoubleBE(0);

/** The canonical form is part of the audit hash formula: these pin it to RFC 8785. */
describe('RFC 8785 canonical JSON', () => {
  it('serializes the example of section 3.2.2', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(jcs(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts keys by UTF-16 code units, as in section 3.2.3, not by code point or locale', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The emoji (U+1F600, code units D83D DE00) comes before U+FB33; by code point it would come after.
    expect(jcs(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts nested objects and keeps array order', () => {
    expect(jcs({ b: [3, 1, 2], a: { z: 1, y: { d: null, c: true } } })).toBe('{"a":{"y":{"c":true,"d":null},"z":1},"b":[3,1,2]}');
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes the IEEE 754 value %s as %s (Appendix B)', (bits, expected) => {
    expect(jcs([fromBits(bits)])).toBe(`[${expected}]`);
  });

  it.each([['7fffffffffffffff'], ['7ff0000000000000'], ['fff0000000000000']])('refuses the non-finite value %s (Appendix B)', (bits) => {
    expect(() => jcs({ n: fromBits(bits) })).toThrow(/RFC 8785/);
  });

  it('escapes only quote, backslash and controls below U+0020, with the short forms where JSON has them', () => {
    expect(jcs('"\\/\b\f\n\r\t\u0000\u001f\u007f')).toBe('"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f"');
    // Whitespace is data: leading, trailing and inner spaces, tabs and newlines all survive.
    expect(jcs(' a\tb\n ')).toBe('" a\\tb\\n "');
  });

  it('writes non-ASCII text as itself, so the UTF-8 bytes are the characters', () => {
    const out = jcs({ s: 'é€😀\u2028\u00a0' });
    expect(out).toBe('{"s":"é€😀\u2028\u00a0"}');
    expect(Buffer.from(out, 'utf8').toString('hex')).toBe('7b2273223a22c3a9e282acf09f9880e280a8c2a0227d');
  });

  it('does not normalize Unicode: composed and decomposed forms stay different', () => {
    expect(jcs('\u00e9')).not.toBe(jcs('e\u0301'));
  });

  it('refuses what is not I-JSON instead of hashing an approximation', () => {
    expect(() => jcs({ s: 'a\ud800b' })).toThrow(/lone surrogate/);
    expect(() => jcs({ ['\udc00']: 1 })).toThrow(/lone surrogate/);
    expect(() => jcs({ a: undefined })).toThrow(/undefined/);
    expect(() => jcs({ a: () => 1 })).toThrow(/RFC 8785/);
    expect(() => jcs({ a: new Date(0) })).toThrow(/Date/);
    expect(() => jcs({ a: BigInt(1) })).toThrow(/bigint/);
  });
});
