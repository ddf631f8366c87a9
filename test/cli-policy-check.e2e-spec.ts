import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoErrors, RegistryProcess, runCli, startRegistry, tableCounts } from '@pedigree/testing';

const CARD = `---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B-Instruct
---

# acme/legal-llama-8b
`;

/** `pedigree register --check`: the policy gates' answer for a planned registration, with nothing written. */
describe('pedigree register --check', () => {
  let registry: RegistryProcess;
  let dir: string;
  const define = (effect: string) =>
    registry.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, {
      i: {
        key: 'no-llama-weights',
        name: 'No Llama weights in checkpoints',
        description: 'Test rule.',
        documentRef: 'https://example.org/rule',
        scope: { subjects: ['CHECKPOINT'] },
        condition: 'ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.name.startsWith("meta-llama/Llama-3.1"))',
        effect,
        severity: 'HIGH',
      },
    });
  const settled = async () => {
    for (;;) {
      const s = assertNoErrors(await registry.gql(`{ policyReevaluationStatus { pendingChanges pendingSubjects } }`)).data.policyReevaluationStatus;
      if (s.pendingChanges + s.pendingSubjects === 0) return tableCounts(registry);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    registry = await startRegistry({ demo: true, env: { PEDIGREE_POLICY_WORKER_POLL_MS: '100' } });
    dir = mkdtempSync(join(tmpdir(), 'pedigree-check-'));
    writeFileSync(join(dir, 'model.safetensors'), randomBytes(1 << 16));
    writeFileSync(join(dir, 'README.md'), CARD);
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = () => runCli(registry, ['--json', 'register', dir, '--name', 'meta-llama/legal-llama-8b', '--check']);

  it('reports a DENY with the path, exits 1 and writes nothing', async () => {
    assertNoErrors(await define('DENY'));
    const before = await settled();
    const run = await check();
    expect(run.code).toBe(1);
    const report = run.json();
    expect(report.outcome).toBe('DENY');
    expect(report.written).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        policy: 'no-llama-weights',
        effect: 'DENY',
        ancestors: expect.arrayContaining([
          expect.objectContaining({ name: 'meta-llama/Llama-3.1-8B-Instruct', path: expect.stringContaining('meta-llama/Llama-3.1-8B-Instruct') }),
        ]),
      }),
    ]);
    expect(await settled()).toEqual(before);
    const human = await runCli(registry, ['register', dir, '--name', 'meta-llama/legal-llama-8b', '--check']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('policies   DENY: 1 finding(s)');
    expect(human.stdout).toContain('no-llama-weights');
    expect(human.stderr).toContain('refused by policy no-llama-weights; nothing was written');
  });

  it('reports an item refused for another reason than policy, exits non-zero and writes nothing', async () => {
    const other = mkdtempSync(join(tmpdir(), 'pedigree-check-'));
    try {
      writeFileSync(join(other, 'model.safetensors'), randomBytes(1 << 16));
      writeFileSync(join(other, 'README.md'), CARD.replace('meta-llama/Llama-3.1-8B-Instruct', 'nobody/no-such-base'));
      const before = await settled();
      const run = await runCli(registry, ['--json', 'register', other, '--name', 'acme/orphan-8b', '--check']);
      expect(run.code).not.toBe(0);
      const report = run.json();
      expect(report.written).toBe(false);
      expect(report.refused).toEqual([
        expect.objectContaining({ outcome: 'REFUSED', code: 'NOT_FOUND', message: expect.stringContaining('nobody/no-such-base') }),
      ]);
      expect(await settled()).toEqual(before);
      const human = await runCli(registry, ['register', other, '--name', 'acme/orphan-8b', '--check']);
      expect(human.code).not.toBe(0);
      expect(human.stdout).toMatch(/REFUSED .*nobody\/no-such-base/);
      expect(human.stderr).toContain('would be refused');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('reports a WARN and exits 0, still writing nothing', async () => {
    assertNoErrors(await define('WARN'));
    const before = await settled();
    const run = await check();
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ outcome: 'WARN', written: false, findings: [expect.objectContaining({ effect: 'WARN' })] });
    expect(await settled()).toEqual(before);
  });
});
