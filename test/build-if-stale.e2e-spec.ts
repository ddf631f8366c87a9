import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Plain JavaScript run by `npm start` before anything is compiled.
const { sourceHash } = require('../bin/build-if-stale.js') as { sourceHash(root: string): string };

/** `npm start` skips the build only while this hash is unchanged; every kind of source change must move it. */
describe('the build stamp of npm start', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pedigree-stamp-'));
    mkdirSync(join(root, 'apps/registry/src'), { recursive: true });
    mkdirSync(join(root, 'libs/core/src'), { recursive: true });
    mkdirSync(join(root, 'migrations'));
    writeFileSync(join(root, 'apps/registry/src/main.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'libs/core/src/index.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'migrations/1-Create.ts'), '// up\n');
    writeFileSync(join(root, 'tsconfig.json'), '{}\n');
    writeFileSync(join(root, 'package-lock.json'), '{}\n');
    writeFileSync(join(root, 'README.md'), 'docs\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['an edit in apps/', () => writeFileSync(join(root, 'apps/registry/src/main.ts'), 'export const a = 2;\n')],
    ['an edit in libs/', () => writeFileSync(join(root, 'libs/core/src/index.ts'), 'export const b = 3;\n')],
    ['a new migration', () => writeFileSync(join(root, 'migrations/2-Alter.ts'), '// up\n')],
    ['a deleted file', () => unlinkSync(join(root, 'migrations/1-Create.ts'))],
    ['a changed tsconfig', () => writeFileSync(join(root, 'tsconfig.json'), '{"compilerOptions":{}}\n')],
    ['a new tsconfig.*.json', () => writeFileSync(join(root, 'tsconfig.build.json'), '{}\n')],
    ['a changed package-lock.json', () => writeFileSync(join(root, 'package-lock.json'), '{"x":1}\n')],
  ])('changes with %s', (_what, change) => {
    const before = sourceHash(root);
    change();
    expect(sourceHash(root)).not.toBe(before);
  });

  it('does not change when files are only touched, or when docs change', () => {
    const before = sourceHash(root);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'apps/registry/src/main.ts'), later, later);
    writeFileSync(join(root, 'README.md'), 'other docs\n');
    expect(sourceHash(root)).toBe(before);
  });
});
