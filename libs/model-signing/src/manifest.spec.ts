import { canonicalPath, compareManifest, isIgnored, SignatureRule } from '@pedigree/model-signing';

describe('OMS path rules', () => {
  it.each([
    ['./config.json', 'config.json'],
    ['sub//./w.bin', 'sub/w.bin'],
    ['sub\\w.bin', 'sub/w.bin'],
    ['/abs', null],
    ['../up', null],
  ])('canonicalPath(%p) is %p (§6.1.2)', (p, want) => expect(canonicalPath(p)).toBe(want));

  it.each([
    ['.git/HEAD', [], true],
    ['sub/.git/HEAD', [], false],
    ['cache/x', ['cache'], true],
    ['sub/cache', ['cache'], false],
    ['cachedir', ['cache'], false],
    ['model.sig', [], false],
  ])('isIgnored(%p, %p) is %p (§6.2.1)', (p, ignore, want) => expect(isIgnored(p, ignore)).toBe(want));

  it('excludes the signature file itself', () => {
    expect(compareManifest([], { ignorePaths: [] }, [{ path: 'sigs/model.sig', sha256: 'aa' }], 'sigs/model.sig')).toEqual([]);
  });

  it('accepts sha256:-prefixed digests', () => {
    const signed = [{ name: 'a', algorithm: 'sha256', digest: 'ab' }];
    expect(compareManifest(signed, { ignorePaths: [] }, [{ path: 'a', sha256: 'sha256:AB' }])).toEqual([]);
    expect(compareManifest(signed, { ignorePaths: [] }, [{ path: 'a', sha256: 'cd' }]).map((p) => p.rule)).toEqual([SignatureRule.FILE_MISMATCH]);
  });
});
