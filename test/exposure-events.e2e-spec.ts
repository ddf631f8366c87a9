import {
  assertNoErrors,
  EVIDENCE,
  eventually,
  newDigest,
  newModel,
  newOrganization,
  RegistryProcess,
  startRegistry,
  startWebhookReceiver,
  WebhookReceiver,
} from '@pedigree/testing';

const RETRACT = `mutation($i: RetractLineageInput!) { retractLineage(input: $i) { id } }`;
const ASSERT = `mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`;
const EDGES = `query($m: String) { lineage(of: { model: $m }, direction: ANCESTORS, maxDepth: 1) { edges { id relation sourceId } } }`;

interface Stored {
  id: string;
  subject: Record<string, unknown>;
  payload: Record<string, any>;
  audit_event_id: string | null;
}

/** `exposure.changed` after upstream edges are retracted and asserted, through the API, the worker and a webhook. */
describe('exposure.changed', () => {
  let r: RegistryProcess;
  let receiver: WebhookReceiver;
  let base: { cn: { id: string }; us: { id: string } };
  let ft: { id: string };
  let child: { id: string };
  let deployment: { id: string };
  const checkpoints: string[] = [];

  const events = (edgeId: string) =>
    r.sql<Stored>(
      `SELECT id::text, subject, payload, audit_event_id::text FROM event_outbox WHERE type = 'exposure.changed' AND payload->'causes' @> jsonb_build_array(jsonb_build_object('edgeId', $1::text)) ORDER BY id`,
      [edgeId],
    );
  /** Waits until the worker has processed everything queued: what follows sees every event it will write. */
  const settled = () => eventually(async () => (await r.sql(`SELECT count(*)::int AS n FROM exposure_change WHERE dead_at IS NULL`))[0].n === 0);
  const queuedSoFar = async () =>
    Number((await r.sql(`SELECT last_value, is_called FROM exposure_change_id_seq`)).map((s) => (s.is_called ? s.last_value : 0))[0]);
  const edgeTo = async (model: string, sourceId: string) => {
    const edges = assertNoErrors(await r.gql(EDGES, { m: model })).data.lineage.edges as { id: string; sourceId: string }[];
    return edges.find((e) => e.sourceId === sourceId)!.id;
  };
  const node = (type: string, id: string, key: string) => ({ type, id, key });
  const step = (type: string, id: string, key: string, relation: string | null) => ({ type, id, key, relation });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    r = await startRegistry({ env: { PEDIGREE_EXPOSURE_WORKER_POLL_MS: '100', PEDIGREE_WEBHOOK_POLL_MS: '100', PEDIGREE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
    await newOrganization(r, 'test-org', 'FR');
    await newOrganization(r, 'cn-lab', 'CN');
    await newOrganization(r, 'us-lab', 'US');
    assertNoErrors(
      await r.gql(`mutation($i: WebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { subscription { id } } }`, {
        i: { name: 'exposure', url: `${receiver.url}/exposure`, eventTypes: ['exposure.changed'] },
      }),
    );
    base = {
      cn: await newModel(r, { name: 'cn-lab/base', publisher: 'cn-lab' }),
      us: await newModel(r, { name: 'us-lab/base', publisher: 'us-lab' }),
    };
    ft = await newModel(r, {
      name: 'test-org/merged',
      lineage: [
        { source: { model: 'cn-lab/base' }, relation: 'MERGE' },
        { source: { model: 'us-lab/base' }, relation: 'MERGE' },
      ],
    });
    child = await newModel(r, { name: 'test-org/merged-chat', lineage: [{ source: { model: 'test-org/merged' }, relation: 'FINETUNE' }] });
    const dep = await r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id } }`, {
      i: { name: 'merged-prod', system: 'helpdesk', ownerTeam: 'support', environment: 'PRODUCTION', criticality: 'HIGH', uses: { model: 'test-org/merged' } },
    });
    deployment = assertNoErrors(dep).data.registerDeployment;
    await settled();
  });
  afterAll(async () => {
    await r?.stop();
    await receiver?.close();
  });

  it('registrations of new nodes with their edges queue nothing and send nothing', async () => {
    expect(await queuedSoFar()).toBe(0);
    const before = await queuedSoFar();
    for (let i = 0; i < 3; i++) {
      const res = await r.gql(`mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`, {
        i: { model: { model: 'test-org/merged' }, digest: newDigest(`merged-${i}`), format: 'SAFETENSORS', registeredBy: 'ci' },
      });
      checkpoints.push(assertNoErrors(res).data.registerCheckpoint.id);
    }
    await newModel(r, { name: 'test-org/another-finetune', lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] });
    expect(await queuedSoFar()).toBe(before);
    expect(await r.sql(`SELECT 1 FROM event_outbox WHERE type = 'exposure.changed'`)).toEqual([]);
  });

  it('a retracted upstream edge: the fine-tune, its checkpoints, its derivative and its deployment each get the difference and its path', async () => {
    const edgeId = await edgeTo('test-org/merged', base.cn.id);
    assertNoErrors(await r.gql(RETRACT, { i: { edgeId, evidence: { ...EVIDENCE, justification: 'the merge recipe never used it' } } }));
    await settled();
    const got = await events(edgeId);
    const bySubject = new Map(got.map((e) => [`${e.subject.type}:${e.subject.id}`, e]));
    expect([...bySubject.keys()].sort()).toEqual(
      [`DEPLOYMENT:${deployment.id}`, `MODEL:${child.id}`, `MODEL:${ft.id}`, ...checkpoints.map((id) => `CHECKPOINT:${id}`)].sort(),
    );

    const [retracted] = await r.sql(`SELECT audit_event_id::text FROM event_outbox WHERE type = 'lineage.retracted' AND subject->>'id' = $1`, [edgeId]);
    const causes = [
      {
        change: 'RETRACTED',
        edgeId,
        relation: 'MERGE',
        derived: node('MODEL', ft.id, 'test-org/merged'),
        source: node('MODEL', base.cn.id, 'cn-lab/base'),
        auditEventId: retracted.audit_event_id,
      },
    ];
    const cnLab = { id: expect.any(String), slug: 'cn-lab', name: 'cn-lab', country: 'CN' };
    const usLab = { id: expect.any(String), slug: 'us-lab', name: 'us-lab', country: 'US' };
    const viaCn = [step('MODEL', ft.id, 'test-org/merged', null), step('MODEL', base.cn.id, 'cn-lab/base', 'MERGE')];
    const viaUs = [step('MODEL', ft.id, 'test-org/merged', null), step('MODEL', base.us.id, 'us-lab/base', 'MERGE')];
    const own = bySubject.get(`MODEL:${ft.id}`)!;
    expect(own.subject).toEqual(node('MODEL', ft.id, 'test-org/merged'));
    expect(own.payload).toEqual({
      causes,
      added: { countries: [], vendors: [], unavoidableVendors: [{ vendor: usLab, path: viaUs, dependency: null }], teachers: [] },
      removed: {
        countries: [{ country: 'CN', path: viaCn, dependency: null }],
        vendors: [{ vendor: cnLab, path: viaCn, dependency: null }],
        unavoidableVendors: [],
        teachers: [],
      },
      before: { countries: ['CN', 'US'], vendors: ['cn-lab', 'us-lab'], unavoidableVendors: [], teachers: [] },
      after: { countries: ['US'], vendors: ['us-lab'], unavoidableVendors: ['us-lab'], teachers: [] },
    });

    const below = bySubject.get(`MODEL:${child.id}`)!;
    expect(below.payload.causes).toEqual(causes);
    expect(below.payload.removed.countries).toEqual([
      {
        country: 'CN',
        path: [step('MODEL', child.id, 'test-org/merged-chat', null), ...viaCn.map((s, i) => (i === 0 ? { ...s, relation: 'FINETUNE' } : s))],
        dependency: null,
      },
    ]);
    expect(below.payload.after).toEqual({ countries: ['FR', 'US'], vendors: ['test-org', 'us-lab'], unavoidableVendors: ['test-org', 'us-lab'], teachers: [] });

    // A checkpoint speaks for its model: the same difference, its path starting at the checkpoint.
    const ckpt = bySubject.get(`CHECKPOINT:${checkpoints[0]}`)!;
    expect(ckpt.payload.removed.countries).toEqual([
      {
        country: 'CN',
        path: [{ ...step('CHECKPOINT', checkpoints[0], expect.any(String), null) }, { ...viaCn[0], relation: 'CHECKPOINT_OF' }, viaCn[1]],
        dependency: null,
      },
    ]);

    const served = bySubject.get(`DEPLOYMENT:${deployment.id}`)!;
    expect(served.subject).toEqual({ type: 'DEPLOYMENT', id: deployment.id, key: 'merged-prod', environment: 'PRODUCTION', system: 'helpdesk' });
    expect(served.payload.removed.countries).toEqual([{ country: 'CN', path: viaCn, dependency: null }]);
    expect(served.payload.removed.vendors.map((v: { vendor: { slug: string } }) => v.vendor.slug)).toEqual(['cn-lab']);

    // Linked to the retraction's audit event, the one its lineage.retracted event names.
    expect(retracted.audit_event_id).toMatch(/^\d+$/);
    expect(new Set(got.map((e) => e.audit_event_id))).toEqual(new Set([retracted.audit_event_id]));
    const [audit] = await r.sql(`SELECT operation FROM audit_event WHERE id = $1`, [retracted.audit_event_id]);
    expect(audit.operation).toBe('retractLineage');

    // And delivered: the webhook body is the envelope of the stored event.
    const delivered = await eventually(async () => receiver.at('/exposure').find((x) => JSON.parse(x.body).subject.id === ft.id));
    expect(JSON.parse(delivered.body)).toMatchObject({
      type: 'exposure.changed',
      subject: own.subject,
      data: own.payload,
      auditEventId: retracted.audit_event_id,
    });
  });

  it('an asserted edge under an existing model adds what it brings', async () => {
    const m = await newModel(r, { name: 'test-org/solo' });
    assertNoErrors(
      await r.gql(ASSERT, { i: { derived: { model: 'test-org/solo' }, source: { model: 'cn-lab/base' }, relation: 'FINETUNE', evidence: EVIDENCE } }),
    );
    await settled();
    const edgeId = await edgeTo('test-org/solo', base.cn.id);
    const [e, ...more] = await events(edgeId);
    expect(more).toEqual([]);
    expect(e.subject).toEqual(node('MODEL', m.id, 'test-org/solo'));
    expect(e.payload.causes).toEqual([expect.objectContaining({ change: 'ASSERTED', edgeId, relation: 'FINETUNE' })]);
    expect(e.payload.added.countries).toEqual([
      { country: 'CN', path: [step('MODEL', m.id, 'test-org/solo', null), step('MODEL', base.cn.id, 'cn-lab/base', 'FINETUNE')], dependency: null },
    ]);
    expect(e.payload.removed).toEqual({ countries: [], vendors: [], unavoidableVendors: [], teachers: [] });
    const [asserted] = await r.sql(`SELECT audit_event_id::text FROM event_outbox WHERE type = 'lineage.asserted' AND subject->>'id' = $1`, [edgeId]);
    expect(e.audit_event_id).toBe(asserted.audit_event_id);
  });

  it('a retraction that changes no set (a second route to the same lab remains) sends nothing', async () => {
    await newModel(r, { name: 'us-lab/instruct', publisher: 'us-lab', lineage: [{ source: { model: 'us-lab/base' }, relation: 'FINETUNE' }] });
    await newModel(r, {
      name: 'test-org/twice',
      lineage: [
        { source: { model: 'us-lab/base' }, relation: 'FINETUNE' },
        { source: { model: 'us-lab/instruct' }, relation: 'MERGE' },
      ],
    });
    const before = await queuedSoFar();
    const edgeId = await edgeTo('test-org/twice', base.us.id);
    assertNoErrors(await r.gql(RETRACT, { i: { edgeId, evidence: EVIDENCE } }));
    expect(await queuedSoFar()).toBe(before + 1);
    await settled();
    expect(await events(edgeId)).toEqual([]);
  });

  it('the edges of one transaction are judged together: two new routes to one lab give one event naming both', async () => {
    const m = await newModel(r, { name: 'test-org/two-routes' });
    await newModel(r, { name: 'cn-lab/instruct', publisher: 'cn-lab', lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] });
    const res = await r.gql(`mutation($i: ApplyPlanInput!) { applyPlan(input: $i) { applied } }`, {
      i: {
        items: [
          { edge: { derived: { model: 'test-org/two-routes' }, source: { model: 'cn-lab/base' }, relation: 'MERGE', mergeWeight: 0.5, evidence: EVIDENCE } },
          {
            edge: { derived: { model: 'test-org/two-routes' }, source: { model: 'cn-lab/instruct' }, relation: 'MERGE', mergeWeight: 0.5, evidence: EVIDENCE },
          },
        ],
      },
    });
    expect(assertNoErrors(res).data.applyPlan.applied).toBe(true);
    await settled();
    const edges = [
      await edgeTo('test-org/two-routes', base.cn.id),
      await edgeTo('test-org/two-routes', (await r.sql(`SELECT id::text FROM model WHERE name = 'cn-lab/instruct'`))[0].id),
    ];
    const got = await events(edges[0]);
    // Judged one at a time, each edge would look redundant beside the other, and nothing would be sent.
    expect(got.map((e) => e.subject)).toEqual([node('MODEL', m.id, 'test-org/two-routes')]);
    expect(got[0].payload.causes.map((c: { edgeId: string }) => c.edgeId)).toEqual(edges);
    expect(got[0].payload.added.countries.map((c: { country: string }) => c.country)).toEqual(['CN']);
    expect(got[0].payload.before.countries).toEqual([]);
    // Each plan item has its own audit event; the exposure event links to the transaction's last.
    const audits = await r.sql(`SELECT audit_event_id::text AS a FROM event_outbox WHERE type = 'lineage.asserted' AND subject->>'id' = ANY($1) ORDER BY id`, [
      edges,
    ]);
    expect(got[0].payload.causes.map((c: { auditEventId: string }) => c.auditEventId)).toEqual(audits.map((x) => x.a));
    expect(got[0].audit_event_id).toBe(audits[1].a);
  });

  it('a change that keeps failing is dead-lettered after 5 attempts, and does not hold back the changes behind it', async () => {
    await newModel(r, { name: 'test-org/poison', lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] });
    await newModel(r, { name: 'test-org/healthy', lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] });
    // A persistent fault, as a broken disk or a bad row would be: every event for this subject fails to write.
    await r.sql(`CREATE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test poison'; END $$`);
    await r.sql(
      `CREATE TRIGGER test_poison BEFORE INSERT ON event_outbox FOR EACH ROW WHEN (NEW.type = 'exposure.changed' AND NEW.subject->>'key' = 'test-org/poison') EXECUTE FUNCTION test_poison()`,
    );
    try {
      const poisoned = await edgeTo('test-org/poison', base.cn.id);
      assertNoErrors(await r.gql(RETRACT, { i: { edgeId: poisoned, evidence: EVIDENCE } }));
      const healthy = await edgeTo('test-org/healthy', base.cn.id);
      assertNoErrors(await r.gql(RETRACT, { i: { edgeId: healthy, evidence: EVIDENCE } }));
      // The later change gets its event while the earlier one is still failing.
      await eventually(async () => (await events(healthy)).length === 1);
      const dead = await eventually(async () => {
        const [row] = await r.sql(`SELECT attempts, last_error, dead_at FROM exposure_change WHERE edge_id = $1`, [poisoned]);
        return row?.dead_at ? row : null;
      });
      expect(dead).toMatchObject({ attempts: 5, last_error: expect.stringContaining('test poison') });
      expect(await events(poisoned)).toEqual([]);
    } finally {
      await r.sql(`DROP TRIGGER test_poison ON event_outbox; DROP FUNCTION test_poison()`);
    }
  });

  it('a transient fault (a deadlock victim, an outage) pauses the worker and is not counted: the change is not dead-lettered', async () => {
    await newModel(r, { name: 'test-org/flaky', lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] });
    // SQLSTATE 40P01, as when the transaction is chosen as a deadlock victim: retrying later cures it.
    await r.sql(`CREATE FUNCTION test_deadlock() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test deadlock' USING ERRCODE = '40P01'; END $$`);
    await r.sql(
      `CREATE TRIGGER test_deadlock BEFORE INSERT ON event_outbox FOR EACH ROW WHEN (NEW.type = 'exposure.changed' AND NEW.subject->>'key' = 'test-org/flaky') EXECUTE FUNCTION test_deadlock()`,
    );
    const paused = () => r.output().split('exposure events paused').length - 1;
    const before = paused();
    let flaky: string;
    try {
      flaky = await edgeTo('test-org/flaky', base.cn.id);
      assertNoErrors(await r.gql(RETRACT, { i: { edgeId: flaky, evidence: EVIDENCE } }));
      // More failures than the dead-letter threshold of 5, none of them counted.
      await eventually(async () => paused() - before >= 6, 20_000);
      const [row] = await r.sql(`SELECT attempts, dead_at FROM exposure_change WHERE edge_id = $1`, [flaky]);
      expect(row).toMatchObject({ attempts: 0, dead_at: null });
    } finally {
      await r.sql(`DROP TRIGGER test_deadlock ON event_outbox; DROP FUNCTION test_deadlock()`);
    }
    await eventually(async () => (await events(flaky)).length > 0, 40_000);
  }, 90_000);
});
