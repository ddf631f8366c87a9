import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliRun, EVIDENCE, RegistryProcess, runCli, startRegistry, tableCounts } from '@pedigree/testing';

/**
 * Issue 12: each defect the CLI had, driven through the real binary. Every test sets up what it
 * needs (run one alone with `-t`), and a refused or conflicting run must leave every table, the
 * audit trail included, exactly as it was.
 */

/** The repository's copy of the shared data file (byte for byte the same), so CI needs nothing outside the checkout. */
const ECOSYSTEM = resolve(__dirname, '..', 'libs/interop/fixtures/ecosystem-graphs.json');

let workspace: string;
let seq = 0;

/** A model directory named `name` holding a card and one weight file (its bytes decide the digest). */
function modelDir(name: string, front: string | null, weights: Buffer = randomBytes(4096)): string {
  const dir = join(workspace, `${++seq}`, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.safetensors'), weights);
  if (front !== null) writeFileSync(join(dir, 'README.md'), `---\n${front}---\n\n# ${name}\n`);
  return dir;
}

/** Rows of every table, the audit trail among them: equal before and after means nothing was written. */
async function snapshot(r: RegistryProcess): Promise<Record<string, number>> {
  const counts = await tableCounts(r);
  expect(counts).toHaveProperty('audit_event');
  return counts;
}

async function withAcme(r: RegistryProcess): Promise<void> {
  const res = await r.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
    i: { slug: 'acme', name: 'Acme AI', country: 'FR', kind: 'COMPANY', aliases: [], evidence: EVIDENCE },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

/** A PIPELINE token that may write only under acme. */
async function acmePipelineToken(r: RegistryProcess): Promise<string> {
  await withAcme(r);
  const res = await r.gql(`mutation { createApiToken(input: { owner: "ci-defects", role: PIPELINE, organizations: ["acme"] }) { token } }`);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createApiToken.token;
}

async function modelNamed(r: RegistryProcess, name: string) {
  const res = await r.gql(`query($n: String!) { model(name: $n) { name license licenseTerms { key name } } }`, { n: name });
  if (res.errors && !res.errors.every((e) => e.extensions.code === 'NOT_FOUND')) throw new Error(JSON.stringify(res.errors));
  return res.data?.model ?? null;
}

/** The per-item lines and per-kind totals of a text report: everything but the headline. */
function reportBody(run: CliRun): string[] {
  const lines = run.stdout.split('\n');
  const totalsAt = lines.findIndex((l) => /^ {2}\S+\s+\d+ created, \d+ already present, \d+ refused/.test(l));
  expect(totalsAt).toBeGreaterThan(0);
  return lines.slice(totalsAt).filter((l) => l.trim());
}

function refusedItems(run: CliRun): any[] {
  return run.json().items.filter((i: any) => i.outcome === 'REFUSED' || i.outcome === 'CONFLICT');
}

describe('issue 12: the CLI writes all or nothing, and its report says what happened', () => {
  let registry: RegistryProcess;

  beforeAll(async () => {
    registry = await startRegistry({ demo: true });
    workspace = mkdtempSync(join(tmpdir(), 'pedigree-defects-'));
  });

  afterAll(async () => {
    await registry?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('defect 1: a scoped PIPELINE token with an unknown base, or a placeholder in another org, writes nothing', async () => {
    const token = await acmePipelineToken(registry);
    const strict = modelDir('legal-llama-8b', 'license: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct-v9\n');
    const before = await snapshot(registry);

    const run = await runCli(registry, ['register', strict, '--namespace', 'acme'], { PEDIGREE_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/REFUSED\s+.*\[NOT_FOUND\].*meta-llama\/Llama-3\.1-8B-Instruct-v9/);
    expect(run.stdout).toMatch(/close matches for .*: .*meta-llama\/Llama-3\.1-8B-Instruct\b/);
    expect(run.stderr).toMatch(/Nothing was written/);
    // Strict by default: the unknown base is an error, not a placeholder the token may not write.
    const json = await runCli(registry, ['--json', 'register', strict, '--namespace', 'acme'], { PEDIGREE_TOKEN: token });
    expect(json.code).toBe(1);
    expect(refusedItems(json)).toEqual([
      expect.objectContaining({ kind: 'EDGE', code: 'NOT_FOUND', suggestions: expect.arrayContaining(['meta-llama/Llama-3.1-8B-Instruct']) }),
    ]);
    expect(await snapshot(registry)).toEqual(before);
    expect(await modelNamed(registry, 'acme/legal-llama-8b')).toBeNull();

    const elsewhere = modelDir('legal-llama-8b', 'license: apache-2.0\nbase_model: meta-llama/Llama-9-Unreleased\n');
    const placeholder = await runCli(registry, ['--json', 'register', elsewhere, '--namespace', 'acme', '--allow-placeholders'], { PEDIGREE_TOKEN: token });
    expect(placeholder.code).toBe(1);
    expect(refusedItems(placeholder)).toContainEqual(
      expect.objectContaining({ kind: 'MODEL', key: 'meta-llama/Llama-9-Unreleased', outcome: 'REFUSED', code: 'FORBIDDEN' }),
    );
    expect(placeholder.json().applied).toBe(false);
    expect(await snapshot(registry)).toEqual(before);
    expect(await modelNamed(registry, 'meta-llama/Llama-9-Unreleased')).toBeNull();
    expect(await modelNamed(registry, 'acme/legal-llama-8b')).toBeNull();
  });

  it('defect 2: a register ending in a checkpoint CONFLICT writes no model and no edge', async () => {
    await withAcme(registry);
    const weights = randomBytes(8192);
    const first = await runCli(registry, ['register', modelDir('first-owner', 'license: apache-2.0\n', weights), '--name', 'acme/first-owner']);
    expect(first.code).toBe(0);
    const before = await snapshot(registry);

    const second = modelDir('second-owner', 'license: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\ndatasets:\n  - HuggingFaceH4/ultrachat_200k\n', weights);
    const run = await runCli(registry, ['--json', 'register', second, '--name', 'acme/second-owner']);
    expect(run.code).toBe(1);
    const report = run.json();
    expect(report.applied).toBe(false);
    expect(refusedItems(run)).toEqual([expect.objectContaining({ kind: 'CHECKPOINT', outcome: 'CONFLICT' })]);
    // The edges were accepted on their own, and rolled back with the checkpoint.
    expect(report.items.filter((i: any) => i.kind === 'EDGE').map((i: any) => i.outcome)).toEqual(['CREATED', 'CREATED']);
    expect(await snapshot(registry)).toEqual(before);
    expect(await modelNamed(registry, 'acme/second-owner')).toBeNull();
  });

  it('defect 3: a mistyped base model is refused with at most 3 close matches, and nothing is created under Meta', async () => {
    const dir = modelDir('typo-tune', 'license: llama3.1\nbase_model: meta-llama/Llama-3.1-8b-typo\n');
    const metaModels = () => registry.sql(`SELECT m.name FROM model m JOIN organization o ON o.id = m.publisher_id WHERE o.slug = 'meta' ORDER BY 1`);
    const underMeta = await metaModels();
    const before = await snapshot(registry);

    const run = await runCli(registry, ['--json', 'register', dir, '--name', 'meta-llama/typo-tune']);
    expect(run.code).not.toBe(0);
    const [typo, ...others] = refusedItems(run);
    expect(others).toEqual([]);
    expect(typo).toMatchObject({ kind: 'EDGE', outcome: 'REFUSED', code: 'NOT_FOUND', message: expect.stringContaining('Close matches: ') });
    expect(typo.suggestions).toContain('meta-llama/Llama-3.1-8B');
    expect(typo.suggestions.length).toBeLessThanOrEqual(3);

    const text = await runCli(registry, ['register', dir, '--name', 'meta-llama/typo-tune']);
    expect(text.code).not.toBe(0);
    expect(text.stdout).toMatch(/close matches for .*: (\S+, ){0,2}\S+$/m);
    expect(text.stdout).toContain('meta-llama/Llama-3.1-8B');
    expect(await snapshot(registry)).toEqual(before);
    expect(await metaModels()).toEqual(underMeta);
  });

  it('defect 4: an invented license key is refused; a registered LicenseRef- works; --allow-unknown-license invents no terms', async () => {
    await withAcme(registry);
    const card = (license: string) => `license: ${license}\nbase_model: meta-llama/Llama-3.1-8B\n`;
    const before = await snapshot(registry);
    const invented = await runCli(registry, ['register', modelDir('made-up', card('totally-made-up-license!!')), '--name', 'acme/made-up']);
    expect(invented.code).not.toBe(0);
    expect(invented.stdout).toMatch(/REFUSED .*LicenseRef-totally-made-up-license is not a registered custom license/);
    expect(invented.stderr).toMatch(/--allow-unknown-license/);
    expect(await snapshot(registry)).toEqual(before);
    expect(await modelNamed(registry, 'acme/made-up')).toBeNull();

    const registered = await registry.gql(`mutation($i: RegisterLicenseInput!) { registerLicense(input: $i) { key } }`, {
      i: { key: 'LicenseRef-acme-eval', name: 'Acme evaluation license', commercialUse: false, evidence: EVIDENCE },
    });
    expect(registered.errors).toBeUndefined();
    const known = await runCli(registry, ['register', modelDir('known-ref', card('LicenseRef-acme-eval')), '--name', 'acme/known-ref']);
    expect(known.stderr).toBe('');
    expect(known.code).toBe(0);
    expect(await modelNamed(registry, 'acme/known-ref')).toMatchObject({
      license: 'LicenseRef-acme-eval',
      licenseTerms: [{ key: 'LicenseRef-acme-eval', name: 'Acme evaluation license' }],
    });

    const licenses = (await snapshot(registry)).custom_license;
    const unknown = await runCli(registry, [
      'register',
      modelDir('made-up', card('totally-made-up-license!!')),
      '--name',
      'acme/made-up',
      '--allow-unknown-license',
    ]);
    expect(unknown.stderr).toBe('');
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toMatch(/recorded as unknown \(--allow-unknown-license\)/);
    expect(await modelNamed(registry, 'acme/made-up')).toEqual({ name: 'acme/made-up', license: null, licenseTerms: [] });
    expect((await snapshot(registry)).custom_license).toBe(licenses);
  });

  it('defect 5: a re-run reports 0 created, N already present, 0 refused, and writes nothing', async () => {
    await withAcme(registry);
    const dir = modelDir('rerun-llama', 'license: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\ndatasets:\n  - HuggingFaceH4/ultrachat_200k\n');
    const args = ['register', dir, '--name', 'acme/rerun-llama'];
    const first = await runCli(registry, ['--json', ...args]);
    expect(first.code).toBe(0);
    const items = first.json().items.length;
    expect(first.json().totals.total).toMatchObject({ created: expect.any(Number), refused: 0, conflict: 0 });
    const before = await snapshot(registry);

    const text = await runCli(registry, args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^ {2}total\\s+0 created, ${items} already present, 0 refused$`, 'm'));
    const json = await runCli(registry, ['--json', ...args]);
    expect(json.code).toBe(0);
    expect(json.json().totals.total).toEqual({ created: 0, alreadyPresent: items, refused: 0, conflict: 0 });
    expect(json.json().items.every((i: any) => i.outcome === 'ALREADY_PRESENT')).toBe(true);
    expect(await snapshot(registry)).toEqual(before);
  });

  describe('defect 6: ecosystem-graphs adds no PRODUCTION deployments', () => {
    let subset: string;
    beforeAll(() => {
      // A few applications and what they name, from the real file: the same planner, in seconds.
      const data = JSON.parse(readFileSync(ECOSYSTEM, 'utf8'));
      const chosen = data.assets.filter((a: any) => a.type === 'application' && a.dependencies?.length).slice(0, 4);
      const named = new Set(chosen.flatMap((a: any) => a.dependencies.map((d: unknown) => String(d).toLowerCase())));
      const assets = data.assets.filter((a: any) => chosen.includes(a) || named.has(String(a.name).toLowerCase()));
      subset = join(workspace, 'ecosystem-graphs-subset.json');
      writeFileSync(subset, JSON.stringify({ ...data, assets }));
    });

    const deployments = (r: RegistryProcess, where = 'true') =>
      r.sql(`SELECT count(*)::int AS n FROM deployment WHERE ${where}`).then((rows) => rows[0].n as number);

    it('without --deployments registers none, and says so', async () => {
      const fresh = await startRegistry();
      try {
        const run = await runCli(fresh, ['--json', 'import', 'ecosystem-graphs', '--allow-unknown-license', subset]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.json().totals.total.created).toBeGreaterThan(0);
        expect(run.json().findings).toContainEqual(expect.objectContaining({ kind: 'deployments-not-imported' }));
        expect(await deployments(fresh)).toBe(0);
      } finally {
        await fresh.stop();
      }
    });

    it('with --deployments they are UNKNOWN, tagged imported:ecosystem-graphs, and not in the PRODUCTION portfolio', async () => {
      const fresh = await startRegistry();
      try {
        const run = await runCli(fresh, ['--json', 'import', 'ecosystem-graphs', '--allow-unknown-license', '--deployments', subset]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const { created, refused } = run.json().totals.deployment;
        expect(created).toBeGreaterThan(0);
        expect(refused).toBe(0);
        const production = await fresh.gql(`{ portfolioExposure(filter: { environment: PRODUCTION }) { memberCount } }`);
        expect(production.errors).toBeUndefined();
        expect(production.data.portfolioExposure.memberCount).toBe(0);
        expect(await deployments(fresh)).toBe(created);
        expect(await deployments(fresh, `environment = 'UNKNOWN' AND 'imported:ecosystem-graphs' = ANY(tags)`)).toBe(created);
        const all = await fresh.gql(`{ portfolioExposure { memberCount } }`);
        expect(all.data.portfolioExposure.memberCount).toBeGreaterThan(0);
      } finally {
        await fresh.stop();
      }
    });
  });

  it('acceptance 2: a dry run prints the same per-item report as the real run, and a re-run creates nothing', async () => {
    await withAcme(registry);
    const dir = modelDir('dry-llama', 'license: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\ndatasets:\n  - HuggingFaceH4/ultrachat_200k\n');
    const args = ['register', dir, '--name', 'acme/dry-llama'];
    const before = await snapshot(registry);
    const dry = await runCli(registry, ['--dry-run', ...args]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^dry run, nothing written/m);
    expect(await snapshot(registry)).toEqual(before);

    const real = await runCli(registry, args);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^written in one transaction/m);
    expect(reportBody(real)).toEqual(reportBody(dry));
    expect(reportBody(real)).toContainEqual(expect.stringMatching(/^ {2}total\s+[1-9]\d* created, \d+ already present, 0 refused$/));

    const dryJson = await runCli(registry, ['--json', '--dry-run', ...args]);
    const again = await runCli(registry, ['--json', ...args]);
    expect(again.code).toBe(0);
    expect(again.json().totals.total.created).toBe(0);
    expect(dryJson.json().items).toEqual(again.json().items);
    expect(dryJson.json().totals).toEqual(again.json().totals);
  });
});
