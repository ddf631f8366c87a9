import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RegistryProcess, runCli, startRegistry, tableCounts } from '@pedigree/testing';

const DATA = resolve(__dirname, '..', 'libs/interop/fixtures');
const ECOSYSTEM = join(DATA, 'ecosystem-graphs.json');
const HF_TREE = join(DATA, 'hf-model-tree-mistral-small-24b.json');

async function count(r: RegistryProcess, sql: string): Promise<number> {
  return Number((await r.sql(sql))[0].n);
}

async function everything(r: RegistryProcess) {
  return {
    ...(await tableCounts(r)),
    deployment: await count(r, 'SELECT count(*) AS n FROM deployment'),
    audit: await count(r, 'SELECT count(*) AS n FROM audit_event'),
  };
}

describe('pedigree import ecosystem-graphs (real data)', () => {
  let registry: RegistryProcess;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.stop());

  /** Items the registry refused or found in conflict, and did not tolerate. */
  const refused = (report: any) => report.items.filter((i: any) => (i.outcome === 'REFUSED' || i.outcome === 'CONFLICT') && !i.tolerated);

  it('imports all 639 assets with a report of every anomaly, and a re-run changes nothing', async () => {
    const run = await runCli(registry, ['--json', 'import', 'ecosystem-graphs', '--allow-unknown-license', '--deployments', ECOSYSTEM]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = run.json();
    expect(report.counts).toMatchObject({
      assets: 639,
      models: 429,
      datasets: 112,
      applications: 98,
      duplicateNames: 5,
      commaJoinedOrganizations: 46,
      // The data README's 311 / 238 count the keys of three `{explanation, value}` dependency lists as names.
      danglingRaw: 309,
      danglingRawDistinct: 240,
      resolvedByNormalization: 14,
      danglingRemaining: 295,
      cycles: 3,
      edgesPlanned: 379,
      deployments: 65,
    });
    const kinds = (k: string) => report.findings.filter((f: any) => f.kind === k);
    expect(
      kinds('duplicate-name')
        .map((f: any) => f.subject)
        .sort(),
    ).toEqual(['ChatGLM', 'Dragonfly', 'GPT-4o', 'Imagen 3', 'InternLM']);
    expect(kinds('dangling-dependency')).toHaveLength(295);
    expect(kinds('cycle')).toHaveLength(3);
    expect(
      kinds('cycle')
        .map((f: any) => f.detail)
        .join('\n'),
    ).toMatch(/VIMA dataset/);
    expect(report.applied).toBe(true);
    expect(refused(report)).toEqual([]);
    expect(report.items.filter((i: any) => i.code === 'CYCLE')).toEqual([]);
    expect(report.totals.total.created).toBe(report.items.length);

    // What the report says is what the registry holds.
    expect(await count(registry, 'SELECT count(*) AS n FROM lineage_edge')).toBe(379);
    expect(await count(registry, `SELECT count(*) AS n FROM lineage_edge WHERE relation = 'DERIVED_FROM'`)).toBe(28);
    expect(await count(registry, 'SELECT count(*) AS n FROM deployment')).toBe(65);
    expect((await count(registry, 'SELECT count(*) AS n FROM model')) + (await count(registry, 'SELECT count(*) AS n FROM dataset'))).toBe(639 - 98 - 2);

    // The longest chain survives: Tulu 2 → … → code-davinci-002 dataset is 7 edges long.
    const tulu = await registry.gql(`{ lineage(of: { model: "ai2/Tulu-2" }, maxDepth: 20) { rootId edges { derivedId sourceId } } }`);
    const up = new Map<string, string[]>();
    for (const e of tulu.data.lineage.edges) up.set(e.derivedId, [...(up.get(e.derivedId) ?? []), e.sourceId]);
    const longest = (id: string): number => Math.max(0, ...(up.get(id) ?? []).map((s) => 1 + longest(s)));
    expect(longest(tulu.data.lineage.rootId)).toBe(7);

    // Others' applications are not the user's production: they are UNKNOWN, tagged, and leave the portfolio alone.
    expect(await count(registry, `SELECT count(*) AS n FROM deployment WHERE environment = 'UNKNOWN' AND 'imported:ecosystem-graphs' = ANY(tags)`)).toBe(65);
    const production = await registry.gql(`{ portfolioExposure(filter: { environment: PRODUCTION }) { memberCount } }`);
    expect(production.data.portfolioExposure.memberCount).toBe(0);

    const before = await everything(registry);
    const again = await runCli(registry, ['--json', 'import', 'ecosystem-graphs', '--allow-unknown-license', '--deployments', ECOSYSTEM]);
    expect(again.code).toBe(0);
    expect(refused(again.json())).toEqual([]);
    expect(again.json().totals.total).toMatchObject({ created: 0, refused: 0 });
    expect(await everything(registry)).toEqual(before);
  });

  // No deployment unless asked: test/cli-defects.e2e-spec.ts (defect 6), on a subset of this file.

  it('refuses free-text licenses the registry does not hold, writing nothing, unless --allow-unknown-license', async () => {
    const fresh = await startRegistry();
    try {
      const before = await everything(fresh);
      const run = await runCli(fresh, ['import', 'ecosystem-graphs', ECOSYSTEM]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/LicenseRef-.* is not a registered custom license/);
      expect(run.stderr).toMatch(/--allow-unknown-license/);
      expect(await everything(fresh)).toEqual(before);
    } finally {
      await fresh.stop();
    }
  });
});

describe('pedigree import hf-tree and hf-card', () => {
  let registry: RegistryProcess;
  let dir: string;
  beforeAll(async () => {
    registry = await startRegistry();
    dir = mkdtempSync(join(tmpdir(), 'pedigree-cards-'));
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the Mistral-Small-24B tree: 67 models and 66 FINETUNE edges', async () => {
    // The tree's cards name 36 datasets no registry holds yet: placeholders, on request.
    const run = await runCli(registry, ['--json', 'import', 'hf-tree', '--allow-placeholders', HF_TREE]);
    expect(run.code).toBe(0);
    expect(run.json().counts).toMatchObject({ models: 67, 'edges.FINETUNE': 66, 'depth.0': 1, 'depth.1': 22, 'depth.2': 36, 'depth.3': 8 });
    expect(await count(registry, 'SELECT count(*) AS n FROM model')).toBe(67);
    expect(await count(registry, `SELECT count(*) AS n FROM lineage_edge WHERE relation = 'FINETUNE'`)).toBe(66);
    const down = await registry.gql(
      `{ lineage(of: { model: "mistralai/Mistral-Small-24B-Base-2501" }, direction: DESCENDANTS, relations: [FINETUNE]) { nodes { id } } }`,
    );
    expect(down.data.lineage.nodes).toHaveLength(67);

    const before = await everything(registry);
    const again = await runCli(registry, ['import', 'hf-tree', '--allow-placeholders', HF_TREE]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/total\s+0 created, \d+ already present, 0 refused/);
    expect(await everything(registry)).toEqual(before);
  });

  it('imports cards: a list base_model with a repeated parent is a merge, the inference is recorded, relations are declared', async () => {
    const card = (name: string, front: string) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'README.md'), `---\n${front}---\n# ${name}\n`);
      return join(dir, name, 'README.md');
    };
    const files = [
      card(
        'merged-small',
        'license: apache-2.0\nbase_model:\n  - mistralai/Mistral-Small-24B-Instruct-2501\n  - mistralai/Mistral-Small-24B-Instruct-2501\n  - mistralai/Mistral-Small-24B-Base-2501\n',
      ),
      card('small-lora', 'license: other\nlicense_name: acme-research\nbase_model: mistralai/Mistral-Small-24B-Instruct-2501\nbase_model_relation: adapter\n'),
    ];
    // The license a card names must be one the registry holds; the bases come as placeholders.
    await registry.gql(`mutation($i: RegisterLicenseInput!) { registerLicense(input: $i) { key } }`, {
      i: { key: 'LicenseRef-acme-research', name: 'Acme research license', commercialUse: false, evidence: { origin: 'AUDIT_FINDING', justification: 'test' } },
    });
    const run = await runCli(registry, ['--json', 'import', 'hf-card', '--allow-placeholders', '--namespace', 'acme', ...files]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const merged = await registry.gql(
      `{ lineage(of: { model: "acme/merged-small" }, maxDepth: 1) { edges { relation source { name } evidence { justification confidence } } } }`,
    );
    const edges = merged.data.lineage.edges;
    expect(edges.map((e: any) => e.relation)).toEqual(['MERGE', 'MERGE']);
    expect(edges[0].evidence.justification).toMatch(/inferred/);
    const lora = await registry.gql(
      `{ model(name: "acme/small-lora") { license licenseTerms { key name } } lineage(of: { model: "acme/small-lora" }, maxDepth: 1) { edges { relation evidence { justification } } } }`,
    );
    expect(lora.data.model.license).toBe('LicenseRef-acme-research');
    expect(lora.data.lineage.edges).toEqual([
      { relation: 'ADAPTER', evidence: { justification: expect.stringMatching(/declared base_model_relation: adapter/) } },
    ]);
  });

  it('rejects malformed front matter with the line number, writing nothing', async () => {
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '---\nlicense: mit\nbase_model_relation: distilled\n---\n');
    const counts = await tableCounts(registry);
    const run = await runCli(registry, ['import', 'hf-card', '--name', 'acme/bad', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 3/);
    expect(run.stderr).toMatch(/adapter.*merge.*quantized.*finetune|finetune/);
    expect(await tableCounts(registry)).toEqual(counts);
  });
});
