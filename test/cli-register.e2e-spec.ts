import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryProcess, runCli, startRegistry, tableCounts } from '@pedigree/testing';

const CARD = `---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B-Instruct
datasets:
  - HuggingFaceH4/ultrachat_200k
pipeline_tag: text-generation
library_name: transformers
---

# acme/legal-llama-8b

A legal-domain fine-tune of Llama 3.1 8B Instruct.
`;

async function auditCount(r: RegistryProcess): Promise<number> {
  return Number((await r.sql('SELECT count(*) AS n FROM audit_event'))[0].n);
}

describe('pedigree register', () => {
  let registry: RegistryProcess;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistry({ demo: true });
    dir = mkdtempSync(join(tmpdir(), 'pedigree-model-'));
    mkdirSync(join(dir, 'shards'));
    writeFileSync(join(dir, 'model-00001-of-00002.safetensors'), randomBytes(3 << 20));
    writeFileSync(join(dir, 'shards', 'model-00002-of-00002.safetensors'), randomBytes(1 << 20));
    writeFileSync(join(dir, 'config.json'), '{"architectures":["LlamaForCausalLM"]}');
    writeFileSync(join(dir, 'README.md'), CARD);
    writeFileSync(
      join(dir, 'run.yaml'),
      'method: SFT\ndatasets: [HuggingFaceH4/ultrachat_200k]\ncomputeCountry: FR\nhyperparameters:\n  learning_rate: 2.0e-5\n  epochs: 3\n',
    );
  });

  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a checkpoint whose digest is the sha256 of the sha256sum manifest, then a re-run is a no-op', async () => {
    const expected = execSync('sha256sum model-00001-of-00002.safetensors shards/model-00002-of-00002.safetensors | sha256sum', { cwd: dir })
      .toString()
      .split(' ')[0];
    const perFile = execSync('sha256sum model-00001-of-00002.safetensors', { cwd: dir }).toString().split(' ')[0];

    const dry = await runCli(registry, [
      '--json',
      '--dry-run',
      'register',
      dir,
      '--name',
      'meta-llama/legal-llama-8b',
      '--training-run',
      join(dir, 'run.yaml'),
    ]);
    expect(dry.code).toBe(0);
    expect(dry.json().digest).toBe(`sha256:${expected}`);
    const before = await tableCounts(registry);
    expect(before.checkpoint).toBe(0);

    const first = await runCli(registry, ['--json', 'register', dir, '--name', 'meta-llama/legal-llama-8b', '--training-run', join(dir, 'run.yaml')]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = first.json();
    expect(report.digest).toBe(`sha256:${expected}`);
    expect(report.files.find((f: { path: string }) => f.path === 'model-00001-of-00002.safetensors').sha256).toBe(perFile);
    expect(report.alreadyRegistered).toBe(false);

    const { data } = await registry.gql(
      `{ checkpoint(digest: "sha256:${expected}") { format sizeBytes model { name license publisher { slug } }
          trainingRun { method computeCountry edges { relation source { name } } } } }`,
    );
    expect(data.checkpoint).toMatchObject({
      format: 'SAFETENSORS',
      sizeBytes: 4 << 20,
      model: { name: 'meta-llama/legal-llama-8b', license: 'LicenseRef-llama3.1', publisher: { slug: 'meta' } },
      trainingRun: { method: 'SFT', computeCountry: 'FR', edges: [{ relation: 'TRAINED_ON', source: { name: 'HuggingFaceH4/ultrachat_200k' } }] },
    });
    const lineage = await registry.gql(
      `{ lineage(of: { model: "meta-llama/legal-llama-8b" }, maxDepth: 1) { edges { relation source { name } evidence { origin justification } } } }`,
    );
    expect(lineage.data.lineage.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          relation: 'FINETUNE',
          source: { name: 'meta-llama/Llama-3.1-8B-Instruct' },
          evidence: expect.objectContaining({ origin: 'MODEL_CARD', justification: expect.stringMatching(/inferred/i) }),
        }),
      ]),
    );

    const counts = await tableCounts(registry);
    const events = await auditCount(registry);
    const again = await runCli(registry, ['--json', 'register', dir, '--name', 'meta-llama/legal-llama-8b', '--training-run', join(dir, 'run.yaml')]);
    expect(again.code).toBe(0);
    expect(again.json().alreadyRegistered).toBe(true);
    expect(await tableCounts(registry)).toEqual(counts);
    expect(await auditCount(registry)).toBe(events);

    const human = await runCli(registry, ['register', dir, '--name', 'meta-llama/legal-llama-8b', '--training-run', join(dir, 'run.yaml')]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`checkpoint sha256:${expected}`);
    expect(human.stdout).toContain('already registered');
  });

  it('rejects a malformed card with its line number and writes nothing', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'pedigree-bad-'));
    try {
      writeFileSync(join(bad, 'model.safetensors'), randomBytes(1024));
      writeFileSync(join(bad, 'README.md'), '---\nlicense: mit\nbase_model: [unclosed\ndatasets: x\n---\n# card\n');
      const counts = await tableCounts(registry);
      const run = await runCli(registry, ['register', bad, '--name', 'meta-llama/bad-card']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/README\.md.*line [34]/);
      expect(await tableCounts(registry)).toEqual(counts);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('rejects an unknown training-run field, naming it, and writes nothing', async () => {
    writeFileSync(join(dir, 'typo.yaml'), 'method: SFT\nteacher: gpt-4\n');
    const counts = await tableCounts(registry);
    const run = await runCli(registry, ['register', dir, '--name', 'meta-llama/legal-llama-8b', '--training-run', join(dir, 'typo.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown field "teacher"');
    expect(await tableCounts(registry)).toEqual(counts);
  });

  it('fails with a clear message and exit code 1 when the registry is unreachable, 2 on bad usage', async () => {
    const run = await runCli(null, ['lineage', 'x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Cannot reach the registry at http:\/\/127\.0\.0\.1:9\/graphql/);
    expect((await runCli(null, ['frobnicate'])).code).toBe(2);
    expect((await runCli(null, ['register'])).code).toBe(2);
    expect((await runCli(null, ['lineage', 'x', '--depth', 'abc'])).code).toBe(2);
  });

  it('works with a PIPELINE token scoped to its organization, from any path, and a re-run from another path writes nothing', async () => {
    await registry.gql(
      `mutation { registerOrganization(input: { slug: "acme", name: "Acme AI", country: "FR", kind: COMPANY, evidence: { origin: AUDIT_FINDING, justification: "register" } }) { id } }`,
    );
    const created = await registry.gql(`mutation { createApiToken(input: { owner: "ci", role: PIPELINE, organizations: ["acme"] }) { token } }`);
    const token = created.data.createApiToken.token;
    const job1 = mkdtempSync(join(tmpdir(), 'pedigree-ci-job-'));
    const copy = mkdtempSync(join(tmpdir(), 'pedigree-ci-job-'));
    try {
      writeFileSync(join(job1, 'README.md'), CARD);
      writeFileSync(join(job1, 'model.safetensors'), randomBytes(1 << 20));
      execSync(`cp -r ${job1}/. ${copy}/`);
      const first = await runCli(registry, ['--json', 'register', job1, '--name', 'acme/legal-llama-8b'], { PEDIGREE_TOKEN: token });
      expect(first.stderr).toBe('');
      expect(first.json()).toMatchObject({ applied: true, failedBatch: null });
      expect(first.json().totals.total).toMatchObject({ refused: 0, conflict: 0 });
      expect(first.code).toBe(0);
      const counts = await tableCounts(registry);
      const events = await auditCount(registry);
      const again = await runCli(registry, ['--json', 'register', copy, '--name', 'acme/legal-llama-8b'], { PEDIGREE_TOKEN: token });
      expect(again.code).toBe(0);
      expect(await tableCounts(registry)).toEqual(counts);
      expect(await auditCount(registry)).toBe(events);
    } finally {
      rmSync(job1, { recursive: true, force: true });
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses a training run naming an unknown dataset before writing anything', async () => {
    writeFileSync(join(dir, 'unknown.yaml'), 'method: SFT\ndatasets: [HuggingFaceH4/ultrachat_2000k]\n');
    const counts = await tableCounts(registry);
    const events = await auditCount(registry);
    const run = await runCli(registry, ['register', dir, '--name', 'acme/other-llama-8b', '--training-run', join(dir, 'unknown.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/REFUSED .*\[NOT_FOUND\].*HuggingFaceH4\/ultrachat_2000k/);
    expect(run.stderr).toMatch(/Nothing was written.*--allow-placeholders/);
    expect(await tableCounts(registry)).toEqual(counts);
    expect(await auditCount(registry)).toBe(events);
  });

  it('exits 1 when a declared base model would close a cycle', async () => {
    const loop = mkdtempSync(join(tmpdir(), 'pedigree-loop-'));
    try {
      writeFileSync(join(loop, 'model.safetensors'), randomBytes(2048));
      writeFileSync(join(loop, 'README.md'), '---\nlicense: llama3.1\nbase_model: deepseek-ai/DeepSeek-R1-Distill-Llama-8B\n---\n');
      const run = await runCli(registry, ['register', loop, '--name', 'meta-llama/Llama-3.1-8B']);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/cycles refused by the registry: 1/);
      expect(run.stdout).toMatch(/loop: meta-llama\/Llama-3.1-8B -> deepseek-ai\/DeepSeek-R1-Distill-Llama-8B -> meta-llama\/Llama-3.1-8B/);
      expect(run.stderr).toMatch(/would close a cycle/);
    } finally {
      rmSync(loop, { recursive: true, force: true });
    }
  });

  it('prints the ancestry tree', async () => {
    const run = await runCli(registry, ['lineage', 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^deepseek-ai\/DeepSeek-R1-Distill-Llama-8B/);
    expect(run.stdout).toMatch(/FINETUNE\s+meta-llama\/Llama-3\.1-8B\s+\[Meta/);
    expect(run.stdout).toMatch(/DISTILLATION\s+deepseek-ai\/DeepSeek-R1\b/);
  });
});
