import { execFileSync } from 'node:child_process';
import { assertNoErrors, parseCsvRecords, RegistryProcess, runCli, startRegistry } from '@pedigree/testing';

const DISTILL = 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B';
const CREATE_TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`;

/** Markdown table rows under a `### title` heading, as cell arrays (header and rule left out). */
function markdownSection(text: string, title: string): string[][] {
  const lines = text.split('\n');
  const start = lines.indexOf(`### ${title}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(2, -2).split(' | '));
  }
  return rows.slice(2);
}

function hasGraphviz(): boolean {
  try {
    execFileSync('dot', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The compliance officer's reports, through the real binary against the demo catalog, with an AUDITOR token. */
describe('pedigree exposure, impact, portfolio and lineage diagrams', () => {
  let r: RegistryProcess;
  let auditor: Record<string, string>;
  let reader: Record<string, string>;

  beforeAll(async () => {
    r = await startRegistry({ demo: true });
    const tokens: Record<string, string> = {};
    for (const role of ['AUDITOR', 'READER']) {
      const res = assertNoErrors(await r.gql(CREATE_TOKEN, { i: { owner: `officer-test/${role}`, role } }));
      tokens[role] = res.data.createApiToken.token;
    }
    auditor = { PEDIGREE_TOKEN: tokens.AUDITOR };
    reader = { PEDIGREE_TOKEN: tokens.READER };
    const deps = await r.gql(`mutation {
      a: registerDeployment(input: { name: "claims/prod", system: "Claims, \\"v2\\"", ownerTeam: "claims", environment: PRODUCTION, criticality: HIGH,
        uses: { model: "${DISTILL}" }, inferenceProvider: "microsoft", country: "IE", tags: ["customer-facing"] }) { id }
      b: registerDeployment(input: { name: "lab/research", system: "Lab", ownerTeam: "lab", environment: PRODUCTION, criticality: LOW,
        uses: { model: "mistralai/Mistral-7B-v0.1" }, tags: ["imported:ecosystem-graphs"] }) { id }
    }`);
    assertNoErrors(deps);
  });
  afterAll(() => r?.stop());

  it('exposure in all four formats names the countries and vendors of DeepSeek-R1-Distill-Llama-8B', async () => {
    const json = await runCli(r, ['exposure', DISTILL, '--perspective', 'Germany', '--json'], auditor);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const e = json.json();
    expect(e.perspective).toBe('DE');
    expect(e.countries.map((c: { country: string }) => c.country)).toEqual(['CN', 'US']);
    expect(e.vendors.map((v: { vendor: { name: string } }) => v.vendor.name)).toEqual(['High-Flyer (quantitative hedge fund)', 'Meta Platforms, Inc.']);

    const table = await runCli(r, ['exposure', DISTILL, '--perspective', 'Germany'], auditor);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`Exposure of ${DISTILL}\n3 ancestors, seen from DE`);
    expect(table.stdout).toMatch(
      /\n {2}CN +People's Republic of China +DISTILLATION +1 +2 +yes +deepseek-ai\/DeepSeek-R1-Distill-Llama-8B → DISTILLATION → deepseek-ai\/DeepSeek-R1 /,
    );
    expect(table.stdout).toMatch(/\n {2}Meta Platforms, Inc\. +US +WEIGHTS +1 +1 +yes +yes +yes\n/);
    expect(table.stdout).toMatch(/\n {2}deepseek-ai\/DeepSeek-R1-Distill-Llama-8B +MIT +LicenseRef-llama3\.1 +USE_RESTRICTIONS_DROPPED /);

    const csv = await runCli(r, ['exposure', DISTILL, '--perspective', 'DE', '--csv'], auditor);
    expect(csv.code).toBe(0);
    const records = parseCsvRecords(csv.stdout);
    const countries = records.filter((x) => x.section === 'Countries');
    expect(countries.map((c) => [c.country, c.name, c.kinds, c.depth, c.ancestors, c.foreign])).toEqual(
      e.countries.map((c: any) => [c.country, c.countryName, c.kinds.join('; '), String(c.nearestDepth), String(c.ancestorCount), 'true']),
    );
    // "Meta Platforms, Inc." holds a comma: it must come back as one field.
    expect(records.filter((x) => x.section === 'Vendors').map((v) => [v.vendor, v.country, v.unavoidable])).toEqual([
      ['High-Flyer (quantitative hedge fund)', 'CN', 'false'],
      ['Meta Platforms, Inc.', 'US', 'true'],
    ]);

    const md = await runCli(r, ['exposure', DISTILL, '--perspective', 'DE', '--format', 'markdown'], auditor);
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith(`## Exposure of ${DISTILL}\n`)).toBe(true);
    expect(markdownSection(md.stdout, 'Vendors').map((c) => [c[0], c[1], c[2]])).toEqual([
      ['High-Flyer (quantitative hedge fund)', 'CN', 'DISTILLATION'],
      ['Meta Platforms, Inc.', 'US', 'WEIGHTS'],
    ]);
    expect(md.stdout).toContain('| country | name | through | depth | ancestors | foreign to DE | explanation |\n|---|---|---|---:|---:|---|---|\n');
  });

  it('exposure --deployment audits what a deployment runs and who serves it; an unknown one is named as the argument', async () => {
    const run = await runCli(r, ['exposure', 'amazon-bedrock-marketplace/deepseek-r1', '--deployment'], auditor);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exposure of deployment amazon-bedrock-marketplace/deepseek-r1 (runs deepseek-ai/DeepSeek-R1)');
    expect(run.stdout).toMatch(/Compute, serving and ownership[\s\S]*SERVING +Amazon Web Services, Inc\. +Amazon\.com, Inc\. +not stated +0 /);
    const falcon = await runCli(r, ['exposure', 'tiiuae/falcon-7b-instruct', '--json'], auditor);
    expect(falcon.json().dependencies).toEqual([expect.objectContaining({ kind: 'COMPUTE', organizationName: 'Amazon Web Services, Inc.', depth: 1 })]);
    const missing = await runCli(r, ['exposure', 'no-such/deployment', '--deployment'], auditor);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('<deployment>');
  });

  it('impact takes an organization display name or a country name as people write them', async () => {
    const byName = await runCli(r, ['impact', '--organization', 'Meta Platforms, Inc.', '--json'], auditor);
    expect(byName.code).toBe(0);
    const impact = byName.json();
    // Meta's instruct models, built on its base models, are part of the target and affected too.
    // Starling-RM is a finetune of Llama 2 Chat; Starling-LM is shaped by it as a reward model (AUXILIARY).
    expect(impact.affected.map((a: any) => `${a.node.name} ${a.inTarget}`).sort()).toEqual([
      'berkeley-nest/Starling-LM-7B-alpha false',
      'berkeley-nest/Starling-RM-7B-alpha false',
      `deepseek-ai/DeepSeek-R1-Distill-Llama-70B false`,
      `${DISTILL} false`,
      'meta-llama/Llama-3.1-8B-Instruct true',
      'meta-llama/Llama-3.3-70B-Instruct true',
    ]);
    expect(impact.deployments.map((d: any) => d.deployment.name)).toEqual(['claims/prod']);
    expect((await runCli(r, ['impact', '--organization', 'meta', '--json'], auditor)).json().affectedCount).toBe(impact.affectedCount);

    const table = await runCli(r, ['impact', '--organization', 'meta'], auditor);
    expect(table.stdout).toContain('affected: 6 descendants (models, checkpoints, datasets; 2 of them part of the target), 1 deployment, 1 in production');
    expect(table.stdout).toMatch(/\n {2}depth +name +in target +kind +publisher +country +through\n/);
    expect(table.stdout).toMatch(/\n {6}1 +meta-llama\/Llama-3\.1-8B-Instruct +yes +model +Meta Platforms, Inc\. +US +WEIGHTS\n/);
    expect(table.stdout).toMatch(/\n {6}1 +deepseek-ai\/DeepSeek-R1-Distill-Llama-8B +no +model /);
    expect(table.stdout).toMatch(
      /\n {2}claims\/prod +PRODUCTION +claims +HIGH +meta-llama\/Llama-3\.1-8B ← FINETUNE ← deepseek-ai\/DeepSeek-R1-Distill-Llama-8B ← deployed as claims\/prod/,
    );

    const csv = parseCsvRecords((await runCli(r, ['impact', '--organization', 'meta', '--csv'], auditor)).stdout);
    expect(
      csv
        .filter((x) => x.section === 'Affected')
        .map((a) => `${a.name} ${a.in_target}`)
        .sort(),
    ).toEqual(impact.affected.map((a: any) => `${a.node.name} ${a.inTarget}`).sort());
    expect(csv.find((x) => x.section === 'Deployments')).toMatchObject({ deployment: 'claims/prod', environment: 'PRODUCTION', owner_team: 'claims' });

    const md = (await runCli(r, ['impact', '--organization', 'meta', '--markdown'], auditor)).stdout;
    expect(markdownSection(md, 'Edges by relation')).toEqual([
      ['FINETUNE', '5'],
      ['AUXILIARY', '1'],
    ]);
    expect(markdownSection(md, 'Affected').map((c) => [c[1], c[2]])).toEqual(impact.affected.map((a: any) => [a.node.name, a.inTarget ? 'yes' : 'no']));

    const china = await runCli(r, ['impact', '--country', 'China', '--json'], auditor);
    expect(china.code).toBe(0);
    expect(china.json().target).toBe('country CN');
    expect(china.json().affectedCount).toBe((await runCli(r, ['impact', '--country', 'CN', '--json'], auditor)).json().affectedCount);
  });

  it('portfolio filters by environment and excluded tags, and shows shares as percentages', async () => {
    const all = await runCli(r, ['portfolio', '--environment', 'production', '--json'], auditor);
    expect(all.code).toBe(0);
    // This file's two, and the demo catalog's Amazon Bedrock Marketplace deployment.
    expect(all.json().memberCount).toBe(3);
    const kept = await runCli(
      r,
      ['portfolio', '--environment', 'production', '--exclude-tag', 'imported:ecosystem-graphs', '--exclude-tag', 'demo-catalog'],
      auditor,
    );
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('Portfolio exposure of 1 deployments (environment PRODUCTION; excludeTags imported:ecosystem-graphs, demo-catalog)');
    expect(kept.stdout).toMatch(/\n {2}Microsoft Corporation +1 +100\.0 %\n/);

    const models = await runCli(r, ['portfolio', '--scope', 'models', '--top', '3'], auditor);
    expect(models.stdout).toContain('Portfolio exposure of 43 models');
    expect(models.stdout).toMatch(/weight-root vendor concentration \(HHI\): [\d,]+ \((un|moderately |highly )concentrated\)/);
    expect(models.stdout).toMatch(/\n {2}CN +21 +48\.8 %\n/);

    const csv = parseCsvRecords((await runCli(r, ['portfolio', '--scope', 'models', '--csv'], auditor)).stdout);
    const cn = csv.find((x) => x.section === 'Countries' && x.name === 'CN')!;
    expect(Number(cn.share)).toBeCloseTo(21 / 43, 10);
    const md = (await runCli(r, ['portfolio', '--scope', 'models', '--markdown'], auditor)).stdout;
    expect(markdownSection(md, 'Countries')[0]).toEqual(['CN', '21', '48.8 %']);
    expect(markdownSection(md, 'Single points of failure').length).toBe(10);
  });

  it('draws the lineage as Mermaid and as DOT, every edge labelled with its relation', async () => {
    const mermaid = await runCli(r, ['lineage', DISTILL, '--format', 'mermaid'], reader);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toBe(
      [
        'flowchart TD',
        '  n0["deepseek-ai/DeepSeek-R1-Distill-Llama-8B (CN, MIT)"]',
        '  n1["deepseek-ai/DeepSeek-R1 (CN, MIT)"]',
        '  n2["deepseek-ai/DeepSeek-V3-Base (CN, LicenseRef-deepseek)"]',
        '  n3["meta-llama/Llama-3.1-8B (US, LicenseRef-llama3.1)"]',
        '  n0 -->|"DISTILLATION"| n1',
        '  n0 -->|"FINETUNE"| n3',
        '  n1 -->|"FINETUNE"| n2',
        '',
      ].join('\n'),
    );
    const dot = await runCli(r, ['lineage', 'Weyaxi/OpenOrca-Zephyr-7B', '--format', 'dot'], reader);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph lineage \{\n/);
    expect(dot.stdout).toMatch(/\n {2}"\d+" -> "\d+" \[label="MERGE 0\.5"\];\n/);
    expect(dot.stdout).toContain('shape=cylinder');
  });

  // Graphviz is not a dependency; where it is installed, the DOT output must render.
  const itWhereGraphviz = hasGraphviz() ? it : it.skip;
  itWhereGraphviz('writes DOT that graphviz renders', async () => {
    const dot = await runCli(r, ['lineage', 'Weyaxi/OpenOrca-Zephyr-7B', '--format', 'dot'], reader);
    expect(execFileSync('dot', ['-Tsvg'], { input: dot.stdout }).toString()).toContain('<svg');
  });

  it.each([
    [['impact'], 2, 'impact needs a target: give exactly one of --organization, --country, --model, --dataset, --checkpoint'],
    [['impact', '--country', 'CN', '--model', DISTILL], 2, 'impact takes exactly one target; got --country and --model'],
    [['impact', '--model', 'nobody/nothing'], 1, '--model: model "nobody/nothing" does not exist.'],
    [['impact', '--country', 'Narnia'], 1, '--country: "Narnia" is not a country.'],
    [['exposure', 'nobody/nothing'], 1, '<model>: Model "nobody/nothing" does not exist.'],
    [['exposure', DISTILL, '--perspective', 'Atlantis'], 1, '--perspective: "Atlantis" is not a country.'],
    [['exposure', DISTILL, '--csv', '--markdown'], 2, 'choose one output format; got --csv and --markdown'],
    [['portfolio', '--environment', 'prod'], 2, '--environment must be one of production, staging, development, research; got "prod"'],
    [['portfolio', '--scope', 'models', '--owner-team', 'x'], 1, '--owner-team:'],
    [['lineage', DISTILL, '--format', 'svg'], 2, '--format must be one of tree, json, mermaid, dot; got "svg"'],
  ])('%j fails with exit %d: %s', async (args, code, message) => {
    const res = await runCli(r, args, auditor);
    expect(res.code).toBe(code);
    expect(res.stderr).toContain(`pedigree: ${message}`);
    expect(res.stdout).toBe('');
  });

  it('needs a role that may read exposure: a READER token is refused, an AUDITOR token is enough', async () => {
    const refused = await runCli(r, ['exposure', DISTILL], reader);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^pedigree: exposure needs AUDIT_READ; a READER token does not have it/);
    for (const command of [['impact', '--model', DISTILL], ['portfolio']]) {
      const run = await runCli(r, command, reader);
      expect([run.code, run.stderr]).toEqual([1, expect.stringContaining('needs AUDIT_READ; a READER token does not have it')]);
    }
    expect((await runCli(r, ['portfolio'], auditor)).code).toBe(0);
  });
});
