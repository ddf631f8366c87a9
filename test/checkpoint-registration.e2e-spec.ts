import { assertNoErrors, EVIDENCE, newDigest, newModel, newOrganization, RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

const REGISTER = `mutation($i: RegisterCheckpointInput!) {
  registerCheckpoint(input: $i) {
    id digest format model { name }
    trainingRun { method computeCountry hyperparametersJson edges { relation source { name } } }
  }
}`;

describe('a pipeline registers a checkpoint with lineage and its fine-tune step', () => {
  let r: RegistryProcess;
  let base: { name: string };
  let ours: { name: string };
  let parentDigest: string;

  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r);
    base = await newModel(r);
    ours = await newModel(r, { lineage: [{ source: { model: base.name }, relation: 'FINETUNE' }] });
    await r.gql(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, {
      i: { name: 'test-org/sft-data', license: 'CC-BY-4.0', evidence: EVIDENCE },
    });
    parentDigest = newDigest('parent');
    const parent = await r.gql(REGISTER, { i: { model: { model: base.name }, digest: parentDigest, format: 'SAFETENSORS', registeredBy: 'ci/test' } });
    assertNoErrors(parent);
  });
  afterAll(() => r?.stop());

  const input = (digest: string) => ({
    model: { model: ours.name },
    digest,
    format: 'SAFETENSORS',
    sizeBytes: 16_060_000_000,
    uris: ['s3://acme-models/ours/step-1000/'],
    registeredBy: 'ci/acme-finetune',
    lineage: [{ source: { checkpoint: parentDigest }, relation: 'FINETUNE' }],
    trainingRun: {
      method: 'SFT',
      datasets: [{ dataset: 'test-org/sft-data' }],
      computeCountry: 'fr',
      startedAt: '2026-11-01T00:00:00Z',
      endedAt: '2026-11-02T00:00:00Z',
      hyperparametersJson: '{"learning_rate": 2e-5, "epochs": 3}',
    },
  });

  it('records checkpoint, lineage edges and training run in one mutation', async () => {
    const res = await r.gql(REGISTER, { i: input(newDigest('one-call')) });
    expect(res.errors).toBeUndefined();
    const c = res.data.registerCheckpoint;
    expect(c.model.name).toBe(ours.name);
    expect(c.trainingRun.method).toBe('SFT');
    expect(c.trainingRun.computeCountry).toBe('FR');
    expect(JSON.parse(c.trainingRun.hyperparametersJson)).toEqual({ learning_rate: 2e-5, epochs: 3 });
    expect(c.trainingRun.edges.map((e: any) => [e.relation, e.source.name])).toEqual([
      ['FINETUNE', parentDigest],
      ['TRAINED_ON', 'test-org/sft-data'],
    ]);
    const ancestry = await r.gql(`query($d: String) { lineage(of: { checkpoint: $d }) { nodes { node { name } } } }`, { d: c.digest });
    const names = ancestry.data.lineage.nodes.map((n: any) => n.node.name);
    expect(names).toEqual(expect.arrayContaining([ours.name, base.name, parentDigest, 'test-org/sft-data']));
  });

  it('is safe to retry: the same payload returns the same checkpoint and writes nothing', async () => {
    const digest = newDigest('retry');
    const first = await r.gql(REGISTER, { i: input(digest) });
    const before = await tableCounts(r);
    const second = await r.gql(REGISTER, { i: input(digest) });
    expect(second.errors).toBeUndefined();
    expect(second.data.registerCheckpoint.id).toBe(first.data.registerCheckpoint.id);
    expect(await tableCounts(r)).toEqual(before);
  });

  it('rejects the same digest with a different payload as a CONFLICT naming the fields, changing nothing', async () => {
    const digest = newDigest('conflict');
    await r.gql(REGISTER, { i: input(digest) });
    const before = await tableCounts(r);
    const changed = { ...input(digest), format: 'GGUF', sizeBytes: 1 };
    const res = await r.gql(REGISTER, { i: changed });
    expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(res.errors?.[0].extensions.fields).toEqual(['input.format', 'input.sizeBytes']);
    expect(res.errors?.[0].message).toContain('format, sizeBytes');
    expect(await tableCounts(r)).toEqual(before);
  });

  it('compares retries after normalization: model by id, lower-case country, same meaning', async () => {
    const digest = newDigest('normalized');
    const first = await r.gql(REGISTER, { i: input(digest) });
    const modelId = (await r.gql(`query($n: String) { model(name: $n) { id } }`, { n: ours.name })).data.model.id;
    const same = { ...input(digest), model: { id: modelId }, trainingRun: { ...input(digest).trainingRun, computeCountry: 'FR' } };
    const again = await r.gql(REGISTER, { i: same });
    expect(again.errors).toBeUndefined();
    expect(again.data.registerCheckpoint.id).toBe(first.data.registerCheckpoint.id);
  });

  it('gives 50 concurrent identical registrations exactly one checkpoint, and every caller its id', async () => {
    const digest = newDigest('fifty');
    const results = await Promise.all(Array.from({ length: 50 }, () => r.gql(REGISTER, { i: input(digest) })));
    expect(results.flatMap((x) => x.errors ?? [])).toEqual([]);
    const ids = new Set(results.map((x) => x.data.registerCheckpoint.id));
    expect(ids.size).toBe(1);
    const rows = await r.sql(`SELECT count(*) AS n FROM checkpoint WHERE digest = $1`, [digest]);
    expect(Number(rows[0].n)).toBe(1);
    const edges = await r.sql(`SELECT count(*) AS n FROM lineage_edge e JOIN checkpoint c ON c.id = e.derived_id WHERE c.digest = $1`, [digest]);
    expect(Number(edges[0].n)).toBe(3); // CHECKPOINT_OF, FINETUNE, TRAINED_ON: once, not 50 times
  });

  it('keeps both edges when a merge lists the same parent twice', async () => {
    const merged = await newModel(r, {
      lineage: [
        { source: { model: base.name }, relation: 'MERGE', mergeWeight: 0.5 },
        { source: { model: base.name }, relation: 'MERGE', mergeWeight: 0.5 },
      ],
    });
    const res = await r.gql(`query($n: String) { lineage(of: { model: $n }) { edges { relation mergeWeight } } }`, { n: merged.name });
    expect(res.data.lineage.edges).toEqual([
      { relation: 'MERGE', mergeWeight: 0.5 },
      { relation: 'MERGE', mergeWeight: 0.5 },
    ]);
  });
});
