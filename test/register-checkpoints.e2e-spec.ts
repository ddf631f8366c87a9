import {
  assertNoErrors,
  eventually,
  EVIDENCE,
  newDigest,
  newModel,
  newOrganization,
  policyQueueSettled,
  RegistryProcess,
  startRegistry,
  tableCounts,
} from '@pedigree/testing';

const BATCH = `mutation($i: RegisterCheckpointsInput!) {
  registerCheckpoints(input: $i) {
    applied created alreadyPresent conflicts refused
    items { index digest outcome id code field message fields sameDigestAs }
  }
}`;

/** The rows a batch writes, counted directly (tableCounts covers every table too). */
const WRITTEN = ['checkpoint', 'lineage_node', 'lineage_edge', 'training_run', 'audit_event', 'event_outbox'];

describe('a pipeline registers checkpoints in batches: one transaction, idempotent per digest, all or nothing', () => {
  let r: RegistryProcess;
  let ours: string;
  let parentDigest: string;
  const batch = (checkpoints: unknown[]) => r.gql(BATCH, { i: { checkpoints } });
  const counts = async () => {
    const rows: Record<string, number> = {};
    for (const t of WRITTEN) rows[t] = Number((await r.sql(`SELECT count(*) AS n FROM ${t}`))[0].n);
    return { rows, all: await tableCounts(r) };
  };
  /** A realistic item: a URI, a parent checkpoint, a size; with `run`, a training run on a dataset. */
  const item = (seed: string, run = false) => ({
    model: { model: ours },
    digest: newDigest(seed),
    format: 'SAFETENSORS',
    sizeBytes: 16_060_000_000,
    uris: [`s3://acme-models/ours/${seed}/model.safetensors`],
    registeredBy: 'ci/acme-finetune',
    lineage: [{ source: { checkpoint: parentDigest }, relation: 'FINETUNE' }],
    ...(run ? { trainingRun: { method: 'SFT', datasets: [{ dataset: 'test-org/batch-data' }], computeCountry: 'fr' } } : {}),
  });

  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r);
    const base = await newModel(r);
    ours = (await newModel(r, { lineage: [{ source: { model: base.name }, relation: 'FINETUNE' }] })).name;
    assertNoErrors(
      await r.gql(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: 'test-org/batch-data', evidence: EVIDENCE } }),
    );
    parentDigest = newDigest('batch-parent');
    assertNoErrors(
      await r.gql(`mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`, {
        i: { model: { model: base.name }, digest: parentDigest, format: 'SAFETENSORS', registeredBy: 'ci/test' },
      }),
    );
  });
  afterAll(() => r?.stop());

  it('writes a batch with one audit event and one checkpoint.registered event per checkpoint; re-sending it is ALREADY_PRESENT and writes nothing', async () => {
    const items = [item('land-0', true), item('land-1'), item('land-2', true)];
    const before = await counts();
    const res = await batch(items);
    expect(res.errors).toBeUndefined();
    const report = res.data.registerCheckpoints;
    expect(report).toMatchObject({ applied: true, created: 3, alreadyPresent: 0, conflicts: 0, refused: 0 });
    const ids: string[] = report.items.map((i: any) => i.id);
    expect(report.items.map((i: any) => [i.index, i.digest, i.outcome])).toEqual(items.map((c, n) => [n, c.digest, 'CREATED']));
    const after = await counts();
    // Per checkpoint: its node, CHECKPOINT_OF + FINETUNE (+ TRAINED_ON with a run), one audit event, one outbox event.
    expect(after.rows).toEqual({
      checkpoint: before.rows.checkpoint + 3,
      lineage_node: before.rows.lineage_node + 3,
      lineage_edge: before.rows.lineage_edge + 8,
      training_run: before.rows.training_run + 2,
      audit_event: before.rows.audit_event + 3,
      event_outbox: before.rows.event_outbox + 3,
    });
    const audit = await r.sql(`SELECT id, operation, touched_ids FROM audit_event WHERE touched_ids && $1::text[] ORDER BY id`, [ids]);
    expect(audit.map((a) => [a.operation, a.touched_ids[0]])).toEqual(ids.map((id) => ['registerCheckpoints', id]));
    const events = await r.sql(
      `SELECT o.type, o.subject->>'id' AS subject_id, o.audit_event_id FROM event_outbox o WHERE o.subject->>'id' = ANY($1::text[]) ORDER BY o.id`,
      [ids],
    );
    expect(events.map((e) => [e.type, e.subject_id, String(e.audit_event_id)])).toEqual(ids.map((id, n) => ['checkpoint.registered', id, String(audit[n].id)]));
    const read = await r.gql(`query($d: String) { checkpoint(digest: $d) { id model { name } trainingRun { edges { relation source { name } } } } }`, {
      d: items[0].digest,
    });
    expect(read.data.checkpoint).toMatchObject({
      id: ids[0],
      model: { name: ours },
      trainingRun: { edges: [{ relation: 'FINETUNE' }, { relation: 'TRAINED_ON' }] },
    });

    // The chainer sequences and hashes the batch's events like any others: the whole trail verifies.
    const verify = async () => (await r.gql(`{ verifyAuditTrail { ok pendingEvents checkedEvents } }`)).data.verifyAuditTrail;
    await eventually(async () => (await verify()).pendingEvents === 0);
    expect(await verify()).toMatchObject({ ok: true, checkedEvents: after.rows.audit_event });

    const again = await batch(items);
    expect(again.data.registerCheckpoints).toMatchObject({ applied: true, created: 0, alreadyPresent: 3 });
    expect(again.data.registerCheckpoints.items.map((i: any) => [i.outcome, i.id])).toEqual(ids.map((id) => ['ALREADY_PRESENT', id]));
    expect(await counts()).toEqual(after);
  });

  it('writes nothing at all when one item is refused, and reports each bad item with its index, code and field', async () => {
    const bad = [item('bad-0'), { ...item('bad-1'), digest: 'sha256:nope' }, item('bad-2'), { ...item('bad-3'), model: { model: 'test-org/no-such-model' } }];
    const before = await counts();
    const res = await batch(bad);
    expect(res.errors).toBeUndefined();
    const report = res.data.registerCheckpoints;
    expect(report).toMatchObject({ applied: false, created: 2, refused: 2 });
    expect(report.items.map((i: any) => [i.index, i.outcome, i.code, i.field, i.id])).toEqual([
      [0, 'CREATED', null, null, null],
      [1, 'REFUSED', 'INVALID_INPUT', 'input.checkpoints[1].digest', null],
      [2, 'CREATED', null, null, null],
      [3, 'REFUSED', 'NOT_FOUND', 'input.checkpoints[3].model.model', null],
    ]);
    expect(report.items[3].message).toContain('test-org/no-such-model');
    expect(await counts()).toEqual(before);
  });

  it('names every bad item in one answer: a refused field does not hide a conflict with what is stored', async () => {
    const [, stored] = (await batch([item('all-0'), item('all-3')])).data.registerCheckpoints.items;
    const before = await counts();
    const res = await batch([{ ...item('all-1'), digest: 'sha256:nope' }, { ...item('all-0'), format: 'GGUF' }, item('all-3'), item('all-2')]);
    const report = res.data.registerCheckpoints;
    expect(report.items.map((i: any) => [i.index, i.outcome, i.code])).toEqual([
      [0, 'REFUSED', 'INVALID_INPUT'],
      [1, 'CONFLICT', 'CONFLICT'],
      [2, 'ALREADY_PRESENT', null],
      [3, 'CREATED', null],
    ]);
    // Nothing was applied: the already-present one keeps its id, the would-be-created one has none.
    expect(report.items[2].id).toBe(stored.id);
    expect(report.items[3].id).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when one item conflicts with a registered digest, naming the differing fields', async () => {
    const [first] = (await batch([item('conflict-0')])).data.registerCheckpoints.items;
    const before = await counts();
    const res = await batch([item('conflict-1'), { ...item('conflict-0'), format: 'GGUF' }]);
    const report = res.data.registerCheckpoints;
    expect(report).toMatchObject({ applied: false, conflicts: 1, created: 1 });
    expect(report.items[1]).toMatchObject({
      outcome: 'CONFLICT',
      code: 'CONFLICT',
      field: 'input.checkpoints[1].format',
      fields: ['input.checkpoints[1].format'],
    });
    expect(report.items[1].message).toContain(first.digest);
    expect(await counts()).toEqual(before);
  });

  it('takes a digest twice in one batch as one registration, and two different payloads as a CONFLICT naming both items', async () => {
    const same = await batch([item('dup-0'), item('dup-1'), item('dup-0')]);
    const report = same.data.registerCheckpoints;
    expect(report).toMatchObject({ applied: true, created: 2, alreadyPresent: 1 });
    expect(report.items[2]).toMatchObject({ outcome: 'ALREADY_PRESENT', id: report.items[0].id, sameDigestAs: 0 });

    const before = await counts();
    const differ = await batch([item('dup-2'), item('dup-3'), { ...item('dup-2'), sizeBytes: 1 }]);
    const bad = differ.data.registerCheckpoints.items[2];
    expect(differ.data.registerCheckpoints.applied).toBe(false);
    expect(bad).toMatchObject({ outcome: 'CONFLICT', sameDigestAs: 0, fields: ['input.checkpoints[2].sizeBytes'] });
    expect(bad.message).toMatch(/input\.checkpoints\[2\]\.digest: .* is also item 0 of this batch \(input\.checkpoints\[0\]\)/);
    expect(await counts()).toEqual(before);
  });

  it('says when an item refers to a checkpoint of the same batch, and refuses signed items', async () => {
    const child = { ...item('ref-1'), lineage: [{ source: { checkpoint: newDigest('ref-0') }, relation: 'QUANTIZATION' }] };
    const signed = { ...item('ref-2'), signature: { bundle: '{}', files: [] } };
    const before = await counts();
    const res = await batch([item('ref-0'), child, signed]);
    const [, ref, sig] = res.data.registerCheckpoints.items;
    expect(ref).toMatchObject({ outcome: 'REFUSED', code: 'NOT_FOUND', field: 'input.checkpoints[1].lineage[0].source.checkpoint' });
    expect(ref.message).toContain('is item 0 of this batch');
    expect(sig).toMatchObject({ outcome: 'REFUSED', code: 'INVALID_INPUT', field: 'input.checkpoints[2].signature' });
    expect(sig.message).toContain('register signed checkpoints one at a time');
    expect(await counts()).toEqual(before);
  });

  it('takes the advertised maximum of 1,000 realistic items under the default request limits, and refuses 1,001 naming the limit', async () => {
    const max = Array.from({ length: 1000 }, (_, n) => item(`max-${n}`, n % 10 === 0));
    expect(Buffer.byteLength(JSON.stringify({ query: BATCH, variables: { i: { checkpoints: max } } }))).toBeLessThan(1024 * 1024);
    const res = await batch(max);
    expect(res.errors).toBeUndefined();
    expect(res.data.registerCheckpoints).toMatchObject({ applied: true, created: 1000 });

    const before = await counts();
    const over = await batch([...max.slice(0, 1000).map((c, n) => ({ ...c, digest: newDigest(`over-${n}`) })), item('over-1000')]);
    expect(over.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.checkpoints' });
    expect(over.errors![0].message).toContain('over the limit of 1000');
    expect(await counts()).toEqual(before);
  });

  it('lets two concurrent batches share digests in opposite orders: one registers each, the other finds it ALREADY_PRESENT', async () => {
    for (let round = 0; round < 3; round++) {
      const shared = Array.from({ length: 300 }, (_, n) => item(`race-${round}-${n}`));
      const [a, b] = await Promise.all([batch(shared), batch([...shared].reverse())]);
      expect([a.errors, b.errors]).toEqual([undefined, undefined]);
      expect(a.data.registerCheckpoints.created + b.data.registerCheckpoints.created).toBe(300);
      expect(a.data.registerCheckpoints.alreadyPresent + b.data.registerCheckpoints.alreadyPresent).toBe(300);
    }
  });

  it('passes every new checkpoint through the policy gate: a DENY refuses that item and nothing is written', async () => {
    const blocked = (await newModel(r, { name: 'test-org/blocked-base' })).name;
    assertNoErrors(
      await r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, {
        i: {
          key: 'no-blocked-base',
          name: 'No checkpoints of the blocked base',
          description: 'Test rule.',
          scope: { subjects: ['CHECKPOINT'] },
          condition: `ancestors.exists(a, a.name == "${blocked}")`,
          effect: 'DENY',
          severity: 'HIGH',
        },
      }),
    );
    await policyQueueSettled(r);
    const before = await counts();
    const denied = { ...item('gate-1'), lineage: [{ source: { model: blocked }, relation: 'FINETUNE' }] };
    // The same registration twice: the repeat shares the first's fate, as it would sent alone.
    const res = await batch([item('gate-0'), denied, denied]);
    const report = res.data.registerCheckpoints;
    expect(report).toMatchObject({ applied: false, refused: 2 });
    expect(report.items[1]).toMatchObject({ outcome: 'REFUSED', code: 'POLICY_VIOLATION', id: null });
    expect(report.items[2]).toMatchObject({ outcome: 'REFUSED', code: 'POLICY_VIOLATION', id: null, sameDigestAs: 1 });
    expect(report.items[1].message).toContain('"no-blocked-base"');
    await policyQueueSettled(r);
    expect(await counts()).toEqual(before);
  });
});
