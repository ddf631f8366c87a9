import { ErrorCode } from '../errors';
import { assertSamePayload, canonicalize, diffPaths } from './canonical-payload';

describe('canonical registration payloads', () => {
  it('ignores key order, nulls and surrounding whitespace', () => {
    expect(canonicalize({ b: 1, a: ' x ', c: null })).toEqual(canonicalize({ a: 'x', b: 1 }));
  });

  it.each([
    [{ a: 1 }, { a: 2 }, ['a']],
    [{ l: [{ r: 'FINETUNE' }, { r: 'MERGE' }] }, { l: [{ r: 'FINETUNE' }, { r: 'ADAPTER' }] }, ['l[1].r']],
    [{ l: [1] }, { l: [1, 2] }, ['l']],
    [{ a: 1 }, { a: 1, b: 2 }, ['b']],
    [{ a: { x: 1 } }, { a: { x: 1 } }, []],
  ])('diff %j vs %j is %j', (a, b, paths) => {
    expect(diffPaths(canonicalize(a), canonicalize(b))).toEqual(paths);
  });

  it('raises CONFLICT naming the differing fields', () => {
    expect(() => assertSamePayload('Checkpoint', 'sha256:x', canonicalize({ sizeBytes: 1 }), canonicalize({ sizeBytes: 2 }))).toThrow(
      expect.objectContaining({ code: ErrorCode.CONFLICT, details: { key: 'sha256:x', fields: ['input.sizeBytes'] } }),
    );
  });
});
