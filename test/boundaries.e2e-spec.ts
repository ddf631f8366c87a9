import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const CRUISE = join(ROOT, 'node_modules/.bin/depcruise');

/** Runs the boundary check the way `npm run lint:boundaries` does; returns its exit status and report. */
function cruise(cwd: string, paths: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(CRUISE, ['--config', '.dependency-cruiser.cjs', ...paths], { cwd, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, output: `${err.stdout}${err.stderr}` };
  }
}

/** A tiny tree with the repository's layout and config, holding one planted violation per rule. */
function plantedTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pedigree-boundaries-'));
  cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@pedigree/lineage': ['libs/lineage/src'], '@pedigree/catalog': ['libs/catalog/src'] } } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('boundary check (dependency-cruiser)', () => {
  it('passes on the repository as it is', () => {
    const { status, output } = cruise(ROOT, ['apps', 'libs', 'test', 'migrations', 'bench']);
    expect(output).toMatch(/no dependency violations found/);
    expect(status).toBe(0);
  }, 60_000);

  it.each([
    [
      'no-deep-imports-across-libs',
      'libs/exposure/src/impact.service.ts',
      "import { CatalogInternal } from '../../catalog/src/model/model.repository';\nexport const x = CatalogInternal;\n",
    ],
    [
      'lineage-walks-only-through-the-interface',
      'libs/exposure/src/impact.service.ts',
      "import { CteLineageGraph } from '../../lineage/src/lineage-graph.cte.repository';\nexport const x = CteLineageGraph;\n",
    ],
    [
      'domain-code-does-not-import-graphql',
      'libs/catalog/src/model/model.service.ts',
      "import { ModelType } from './model.graphql';\nexport const x = ModelType;\n",
    ],
    ['database-drivers-only-in-repositories', 'libs/catalog/src/model/model.service.ts', "import { Client } from 'pg';\nexport const x = Client;\n"],
  ])(
    'fails on a planted %s violation',
    (rule, path, text) => {
      const dir = plantedTree({
        [path]: text,
        'libs/catalog/src/index.ts': 'export const api = 1;\n',
        'libs/catalog/src/model/model.repository.ts': 'export const CatalogInternal = 1;\n',
        'libs/catalog/src/model/model.graphql.ts': 'export const ModelType = 1;\n',
        'libs/lineage/src/index.ts': 'export const api = 1;\n',
        'libs/lineage/src/lineage-graph.cte.repository.ts': 'export const CteLineageGraph = 1;\n',
        'node_modules/pg/package.json': '{"name":"pg","main":"index.js"}',
        'node_modules/pg/index.js': 'exports.Client = 1;\n',
      });
      try {
        const { status, output } = cruise(dir, ['libs']);
        expect(status).not.toBe(0);
        expect(output).toContain(`error ${rule}: ${path}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
