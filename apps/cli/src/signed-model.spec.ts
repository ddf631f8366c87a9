import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signModel, testSigningKey } from '@pedigree/testing';
import { modelFiles, readSignedModel } from './signed-model';

const key = testSigningKey();
const noProgress = () => ({ increment: () => undefined, stop: () => undefined });

describe('re-hashing a model directory against its OMS signature', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pedigree-sig-unit-'));
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'model.safetensors'), 'w');
    writeFileSync(join(dir, 'sub', 'tokenizer.json'), '{}');
    writeFileSync(join(dir, '.env'), 'X=1');
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref');
    writeFileSync(join(dir, 'cache.tmp'), 'c');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const paths = async (ignorePaths: string[] = [], signatureFile?: string, allowSymlinks = false) =>
    (await modelFiles(dir, { ignorePaths, allowSymlinks }, signatureFile)).map((f) => f.path);

  it('lists every file, dot files too, without §6.2 defaults, signed ignore paths or the signature itself', async () => {
    writeFileSync(join(dir, 'model.sig'), '{}');
    expect(await paths(['cache.tmp'], 'model.sig')).toEqual(['.env', 'model.safetensors', 'sub/tokenizer.json']);
  });

  it('refuses a symlink unless the signature allows them, then follows it', async () => {
    symlinkSync(join(dir, 'model.safetensors'), join(dir, 'link.safetensors'));
    await expect(paths()).rejects.toThrow(/"link.safetensors" is a symbolic link/);
    expect(await paths([], undefined, true)).toContain('link.safetensors');
  });

  it('lists a symlinked directory under every path that reaches it, and refuses a loop', async () => {
    symlinkSync(join(dir, 'sub'), join(dir, 'alias'));
    expect(await paths([], undefined, true)).toEqual(expect.arrayContaining(['alias/tokenizer.json', 'sub/tokenizer.json']));
    symlinkSync(dir, join(dir, 'sub', 'up'));
    await expect(paths([], undefined, true)).rejects.toThrow(/symlink loop/);
  });

  it('names every file that differs from the manifest, and passes a matching directory', async () => {
    const sign = (files: Record<string, string>) => writeFileSync(join(dir, 'model.sig'), signModel({ files, privateKeyPem: key.privateKeyPem }));
    const all = { '.env': 'X=1', 'cache.tmp': 'c', 'model.safetensors': 'w', 'sub/tokenizer.json': '{}' };
    sign(all);
    const ok = await readSignedModel(dir, join(dir, 'model.sig'), noProgress);
    expect(ok.files.map((f) => f.path)).toEqual(Object.keys(all));
    expect(ok.weights.files.map((f) => f.path)).toEqual(['model.safetensors']);

    const { '.env': unsigned, ...rest } = all;
    expect(unsigned).toBeDefined();
    sign({ ...rest, 'model.safetensors': 'other', 'gone.bin': 'x' });
    const failure = readSignedModel(dir, join(dir, 'model.sig'), noProgress);
    await expect(failure).rejects.toThrow(/unsigned extra file: \.env/);
    await expect(failure).rejects.toThrow(/changed since signing \(digest differs\): model\.safetensors/);
    await expect(failure).rejects.toThrow(/signed but missing: gone\.bin/);
  });

  it('says when the file is no OMS signature', async () => {
    writeFileSync(join(dir, 'model.sig'), 'not json');
    await expect(readSignedModel(dir, join(dir, 'model.sig'), noProgress)).rejects.toThrow(/is not an OMS v1.0 model signature/);
  });
});
