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

  it('refuses a name that only folds onto a signed one, and a name listed twice: a signed copy must not shadow a tampered file', () => {
    const signed = [{ name: 'model.safetensors', algorithm: 'sha256', digest: 'good' }];
    const rules = (files: { path: string; sha256: string }[]) => compareManifest(signed, { ignorePaths: [] }, files).map((p) => [p.rule, p.file]);
    // On Linux a backslash is a legal file-name character: `model.safetensors\` is another file.
    expect(
      rules([
        { path: 'model.safetensors', sha256: 'evil' },
        { path: 'model.safetensors\\', sha256: 'good' },
      ]),
    ).toContainEqual([SignatureRule.FILE_MISMATCH, 'model.safetensors']);
    expect(
      rules([
        { path: 'model.safetensors', sha256: 'good' },
        { path: 'model.safetensors\\', sha256: 'good' },
      ]),
    ).toEqual([[SignatureRule.FILE_UNSIGNED, 'model.safetensors\\']]);
    expect(
      rules([
        { path: 'model.safetensors', sha256: 'evil' },
        { path: './model.safetensors', sha256: 'good' },
      ]).map(([r]) => r),
    ).toContain(SignatureRule.FILE_MISMATCH);
    expect(
      rules([
        { path: 'model.safetensors', sha256: 'evil' },
        { path: 'model.safetensors', sha256: 'good' },
      ]),
    ).toContainEqual([SignatureRule.FILE_UNSIGNED, 'model.safetensors']);
  });
});
