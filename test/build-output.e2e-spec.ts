import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The production build (`npm run build`, tsconfig.build.json) holds no test support: not
 * libs/testing, not a contract suite, factory, fixture, oracle or spec, and no compiled file loads
 * a devDependency (fast-check, jest, ...), which `npm ci --omit=dev` would not install.
 */
const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist');
const TEST_SUPPORT = /(^|\/)(testing|test)\/|\.(contract|fixture|arbitrary|spec|e2e-spec)\.js$|factories|cte-reference/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the production build', () => {
  const built = filesUnder(DIST).map((f) => relative(DIST, f));
  const scripts = built.filter((f) => f.endsWith('.js'));

  it('is there to check (npm run build ran)', () => {
    expect(scripts).toContain('apps/registry/src/main.js');
  });

  it('holds no test support', () => {
    expect(built.filter((f) => TEST_SUPPORT.test(f))).toEqual([]);
  });

  it('loads no devDependency', () => {
    const dev = new Set(Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies));
    const loads = scripts.flatMap((f) =>
      [...readFileSync(join(DIST, f), 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => ({ file: f, specifier: m[1] })),
    );
    expect(loads.length).toBeGreaterThan(100);
    expect(loads.filter((l) => dev.has(packageOf(l.specifier)))).toEqual([]);
  });
});
