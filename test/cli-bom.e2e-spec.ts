import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCycloneDx, validateSpdx } from '@pedigree/interop';
import { RegistryProcess, runCli, startRegistry, tableCounts } from '@pedigree/testing';

const SUBJECT = 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B';

/** The exported content, minus what is about the export itself rather than the lineage. */
function content(bom: any) {
  const { serialNumber, metadata, ...rest } = bom;
  const { timestamp, tools, ...meta } = metadata ?? {};
  return { ...rest, metadata: meta };
}

describe('pedigree export / import: CycloneDX 1.7 and 1.6, SPDX 3.0.1', () => {
  let demo: RegistryProcess;
  let empty: RegistryProcess;
  let dir: string;

  beforeAll(async () => {
    [demo, empty] = await Promise.all([startRegistry({ demo: true }), startRegistry()]);
    dir = mkdtempSync(join(tmpdir(), 'pedigree-bom-'));
  });

  afterAll(async () => {
    await Promise.all([demo?.stop(), empty?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports a strictly valid CycloneDX ML-BOM with recursive ancestors, suppliers, countries and datasets', async () => {
    const file = join(dir, 'first.cdx.json');
    const run = await runCli(demo, ['export', 'cyclonedx', SUBJECT, '-o', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const bom = JSON.parse(readFileSync(file, 'utf8'));
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });

    const subject = bom.metadata.component;
    expect(subject).toMatchObject({
      type: 'machine-learning-model',
      name: SUBJECT,
      supplier: { name: expect.stringContaining('DeepSeek'), address: { country: 'CN' } },
    });
    const ancestors = subject.pedigree.ancestors;
    const names = ancestors.map((a: any) => a.name).sort();
    expect(names).toEqual(expect.arrayContaining(['deepseek-ai/DeepSeek-R1', 'meta-llama/Llama-3.1-8B']));
    const llama = ancestors.find((a: any) => a.name === 'meta-llama/Llama-3.1-8B');
    expect(llama.supplier.address.country).toBe('US');
    expect(llama.properties).toEqual(expect.arrayContaining([{ name: 'pedigree:relation', value: 'FINETUNE' }]));
    // Recursive: DeepSeek-R1's own base is nested under it.
    const r1 = ancestors.find((a: any) => a.name === 'deepseek-ai/DeepSeek-R1');
    expect(r1.pedigree.ancestors.map((a: any) => a.name)).toContain('deepseek-ai/DeepSeek-V3-Base');
  });

  it('cites every evidenced claim of the demo export at the root level (1.7), each pointing at a real field', async () => {
    const file = join(dir, 'cited.cdx.json');
    expect((await runCli(demo, ['export', 'cyclonedx', SUBJECT, '-o', file])).code).toBe(0);
    const bom = JSON.parse(readFileSync(file, 'utf8'));
    expect(bom.specVersion).toBe('1.7');
    expect(bom.metadata.citations).toBeUndefined();
    const edgeGroups = [bom.metadata.component, ...bom.components].flatMap((c: any) =>
      c.properties.filter((p: any) => /^pedigree:edge:\d+:relation$/.test(p.name)),
    );
    const cited = (prefix: string) => bom.citations.filter((c: any) => c['bom-ref'].startsWith(prefix));
    expect(cited('citation:edge:')).toHaveLength(edgeGroups.length);
    expect(cited('citation:license:').length).toBeGreaterThan(0);
    expect(cited('citation:country:').length).toBeGreaterThan(0);
    expect(cited('citation:organization:deepseek')).toHaveLength(1);
    const refs = JSON.stringify(bom)
      .match(/"bom-ref":"[^"]+"/g)!
      .map((m) => m.slice(11, -1));
    for (const c of bom.citations) {
      expect(refs).toContain(c.attributedTo);
      for (const pointer of c.pointers)
        expect(
          pointer
            .split('/')
            .slice(1)
            .reduce((v: any, k: string) => v?.[k], bom),
        ).toBeDefined();
    }
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });
  });

  it('exports CycloneDX 1.6 on request and round-trips it through an empty registry', async () => {
    const first = join(dir, 'v16.cdx.json');
    expect((await runCli(demo, ['export', 'cyclonedx', SUBJECT, '--spec-version', '1.6', '-o', first])).code).toBe(0);
    const bom = JSON.parse(readFileSync(first, 'utf8'));
    expect(bom.specVersion).toBe('1.6');
    expect(bom.citations).toBeUndefined();
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });
    const fresh = await startRegistry();
    try {
      expect((await runCli(fresh, ['import', 'cyclonedx', first])).code).toBe(0);
      const second = join(dir, 'v16-second.cdx.json');
      expect((await runCli(fresh, ['export', 'cyclonedx', SUBJECT, '--spec-version', '1.6', '-o', second])).code).toBe(0);
      expect(content(JSON.parse(readFileSync(second, 'utf8')))).toEqual(content(bom));
    } finally {
      await fresh.stop();
    }
    const wrong = await runCli(demo, ['export', 'cyclonedx', SUBJECT, '--spec-version', '1.5', '-o', '-']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--spec-version');
  });

  it('round-trips: export, import into an empty registry, export again gives the same content', async () => {
    const first = join(dir, 'round-trip.cdx.json');
    expect((await runCli(demo, ['export', 'cyclonedx', SUBJECT, '-o', first])).code).toBe(0);
    const imported = await runCli(empty, ['--json', 'import', 'cyclonedx', first]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({ applied: true, failedBatch: null });
    expect(imported.json().totals.total).toMatchObject({ refused: 0, conflict: 0 });

    const second = join(dir, 'second.cdx.json');
    expect((await runCli(empty, ['export', 'cyclonedx', SUBJECT, '-o', second])).code).toBe(0);
    expect(content(JSON.parse(readFileSync(second, 'utf8')))).toEqual(content(JSON.parse(readFileSync(first, 'utf8'))));

    // Importing the same BOM again changes nothing.
    const counts = await tableCounts(empty);
    expect((await runCli(empty, ['import', 'cyclonedx', first])).code).toBe(0);
    expect(await tableCounts(empty)).toEqual(counts);
  });

  it('carries a dataset’s source kind and its evidence through export and import, cited in 1.7', async () => {
    const file = join(dir, 'zephyr.cdx.json');
    expect((await runCli(demo, ['export', 'cyclonedx', 'HuggingFaceH4/zephyr-7b-beta', '-o', file])).code).toBe(0);
    const bom = JSON.parse(readFileSync(file, 'utf8'));
    const ultrachat = bom.components.find((c: any) => c['bom-ref'] === 'dataset:HuggingFaceH4/ultrachat_200k');
    expect(ultrachat.properties).toContainEqual({ name: 'pedigree:sourceKind', value: 'SYNTHETIC' });
    expect(bom.citations.map((c: any) => c['bom-ref'])).toContain('citation:profile:dataset:HuggingFaceH4/ultrachat_200k');
    expect(await validateCycloneDx(bom)).toEqual({ valid: true, errors: [] });
    const fresh = await startRegistry();
    try {
      expect((await runCli(fresh, ['import', 'cyclonedx', file])).code).toBe(0);
      const res = await fresh.gql(`{ dataset(name: "HuggingFaceH4/ultrachat_200k") { sourceKind profileEvidence { origin documentRef } } }`);
      expect(res.data.dataset).toEqual({
        sourceKind: 'SYNTHETIC',
        profileEvidence: { origin: 'MODEL_CARD', documentRef: 'https://huggingface.co/datasets/HuggingFaceH4/ultrachat_200k' },
      });
    } finally {
      await fresh.stop();
    }
  });

  it('rejects a malformed BOM naming the path, and writes nothing', async () => {
    const bad = join(dir, 'bad.cdx.json');
    writeFileSync(bad, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { component: { type: 'machine-learning-model' } } }));
    const counts = await tableCounts(empty);
    const run = await runCli(empty, ['import', 'cyclonedx', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/metadata\.component\.name/);
    expect(await tableCounts(empty)).toEqual(counts);
    writeFileSync(bad, '{ not json');
    expect((await runCli(empty, ['import', 'cyclonedx', bad])).stderr).toMatch(/not valid JSON/);
  });

  it('exports SPDX 3.0.1 that validates against the shipped schema', async () => {
    const run = await runCli(demo, ['export', 'spdx', SUBJECT, '-o', '-']);
    expect(run.code).toBe(0);
    const spdx = JSON.parse(run.stdout);
    expect(validateSpdx(spdx)).toEqual({ valid: true, errors: [] });
    const graph: any[] = spdx['@graph'];
    expect(graph.filter((e) => e.type === 'ai_AIPackage').map((e) => e.name)).toEqual(
      expect.arrayContaining([SUBJECT, 'meta-llama/Llama-3.1-8B', 'deepseek-ai/DeepSeek-R1']),
    );
    const types = new Set(graph.filter((e) => e.type === 'Relationship').map((e) => e.relationshipType));
    expect([...types]).toEqual(expect.arrayContaining(['descendantOf', 'hasDeclaredLicense']));
  });

  it('writes to the current directory, named after the model, when no -o is given', async () => {
    const here = mkdtempSync(join(dir, 'cwd-'));
    const run = await runCli(demo, ['export', 'cyclonedx', SUBJECT], {}, here);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('wrote CycloneDX 1.7 to deepseek-ai_DeepSeek-R1-Distill-Llama-8B.cdx.json\n');
    expect(readdirSync(here)).toEqual(['deepseek-ai_DeepSeek-R1-Distill-Llama-8B.cdx.json']);
  });

  it('exports a model that does not exist as a clear error', async () => {
    const run = await runCli(demo, ['export', 'spdx', 'nobody/nothing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No model named "nobody/nothing"');
  });
});
