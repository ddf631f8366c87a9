import {
  assertNoErrors,
  eventually,
  newModel,
  newOrganization,
  RegistryProcess,
  startRegistry,
  startWebhookReceiver,
  WebhookReceiver,
} from '@pedigree/testing';

const CREATE = `mutation($i: WebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { subscription { id } } }`;
const outbox = (r: RegistryProcess, type: string) =>
  r.sql<{ id: string; subject: any; payload: any; audit_event_id: string | null }>(
    `SELECT id, subject, payload, audit_event_id FROM event_outbox WHERE type = $1 ORDER BY id`,
    [type],
  );

/** Violation, waiver, audit and digest events, pruning and the outbox's metrics. */
describe('alerts operations', () => {
  let r: RegistryProcess;
  let receiver: WebhookReceiver;
  const subscribe = async (path: string, extra: Record<string, unknown>) =>
    assertNoErrors(await r.gql(CREATE, { i: { name: path.slice(1), url: `${receiver.url}${path}`, ...extra } })).data.createWebhookSubscription.subscription
      .id as string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    r = await startRegistry({
      env: {
        PEDIGREE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
        PEDIGREE_WEBHOOK_POLL_MS: '100',
        PEDIGREE_ALERTS_SWEEP_MS: '200',
        PEDIGREE_AUDIT_SELF_VERIFY_MS: '300',
        PEDIGREE_POLICY_WORKER_POLL_MS: '100',
      },
    });
    await newOrganization(r, 'test-org', 'FR');
    assertNoErrors(
      await r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { version } }`, {
        i: { key: 'flag-every-model', name: 'Flag every model', description: 'Test rule.', condition: 'true', effect: 'WARN', severity: 'LOW' },
      }),
    );
  });
  afterAll(async () => {
    await r?.stop();
    await receiver?.close();
  });

  it('sends violation.opened with the policy and subject', async () => {
    await subscribe('/violations', { eventTypes: ['violation.opened', 'violation.waived'] });
    const model = await newModel(r, { name: 'test-org/flagged' });
    const [got] = await eventually(async () => receiver.at('/violations').length > 0 && receiver.at('/violations'));
    expect(JSON.parse(got.body)).toMatchObject({
      type: 'violation.opened',
      subject: { type: 'MODEL', id: model.id, key: 'test-org/flagged' },
      data: { policy: { key: 'flag-every-model', version: 1, severity: 'LOW' }, from: null, to: 'OPEN' },
    });
  });

  it('sends waiver.expiring once for a waiver inside the warning window, and violation.waived', async () => {
    const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const granted = assertNoErrors(
      await r.gql(
        `mutation($e: DateTime!) { grantWaiver(input: { policy: "flag-every-model", subject: { node: { model: "test-org/flagged" } }, justification: "Reviewed", approver: "legal@example.com", expiresAt: $e }) { id } }`,
        { e: expiresAt },
      ),
    ).data.grantWaiver;
    const [warning] = await eventually(async () => {
      const rows = await outbox(r, 'waiver.expiring');
      return rows.length > 0 && rows;
    });
    expect(warning.subject).toEqual({ type: 'WAIVER', id: granted.id, key: 'flag-every-model' });
    expect(warning.payload).toMatchObject({ waiverId: granted.id, policy: 'flag-every-model', approver: 'legal@example.com' });
    await new Promise((res) => setTimeout(res, 800));
    expect(await outbox(r, 'waiver.expiring')).toHaveLength(1);
    await eventually(async () => receiver.at('/violations').some((x) => JSON.parse(x.body).type === 'violation.waived'));
  });

  it('sends a digest of new violations and expiring waivers to its own subscription only', async () => {
    const id = await subscribe('/digest', { eventTypes: [], digest: 'DAILY' });
    // As if the subscription had been created two days ago: its first period is over.
    await r.sql(`UPDATE webhook_subscription SET last_digest_at = now() - interval '2 days' WHERE id = $1`, [id]);
    const [got] = await eventually(async () => receiver.at('/digest').length > 0 && receiver.at('/digest'));
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ type: 'digest', subject: { type: 'SUBSCRIPTION', id, key: 'digest' }, data: { period: 'DAILY' } });
    expect(body.data.violationsOpened.count).toBeGreaterThanOrEqual(1);
    expect(body.data.violationsOpened.items[0]).toMatchObject({ subject: { key: 'test-org/flagged' } });
    expect(body.data.expiringWaivers).toMatchObject({ count: 1, items: [{ policy: 'flag-every-model' }] });
    expect(receiver.at('/violations').some((x) => JSON.parse(x.body).type === 'digest')).toBe(false);
    await new Promise((res) => setTimeout(res, 600));
    expect(receiver.at('/digest')).toHaveLength(1);
  });

  it('sends audit.head.signed, and audit.verification.failed once the trail is tampered with', async () => {
    assertNoErrors(await r.gql(`mutation { signAuditTreeHead { id size } }`));
    const [signed] = await outbox(r, 'audit.head.signed');
    expect(signed.payload).toMatchObject({ size: expect.any(Number), headHash: expect.any(String), signature: expect.any(String) });
    expect(await outbox(r, 'audit.verification.failed')).toEqual([]);
    await eventually(async () => (await r.sql(`SELECT count(*)::int AS n FROM audit_event WHERE seq IS NULL`))[0].n === 0);
    const [target] = await r.sql(`SELECT id, seq, operation FROM audit_event WHERE seq = 2`);
    await r.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await r.sql(`UPDATE audit_event SET operation = 'forged' WHERE id = $1`, [target.id]);
    await r.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    const [failed] = await eventually(async () => {
      const rows = await outbox(r, 'audit.verification.failed');
      return rows.length > 0 && rows;
    });
    expect(failed.payload).toMatchObject({ ok: false, firstBrokenLink: { seq: 2, reason: 'HASH_MISMATCH' } });
    await new Promise((res) => setTimeout(res, 900));
    expect(await outbox(r, 'audit.verification.failed')).toHaveLength(1);
    await r.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await r.sql(`UPDATE audit_event SET operation = $2 WHERE id = $1`, [target.id, target.operation]);
    await r.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
  });

  it('prunes events past the retention that no delivery waits for, and never audit events', async () => {
    const audits = (await r.sql(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    await r.sql(
      `INSERT INTO event_outbox(type, subject, payload, occurred_at) VALUES ('model.registered', '{"type":"MODEL","id":"0"}', '{}', now() - interval '40 days')`,
    );
    // One still owed to a receiver stays. The event and its delivery go in one statement: the
    // pruner sweeps every 200 ms and would take an event inserted on its own first.
    const [sub] = await r.sql(`SELECT id FROM webhook_subscription WHERE name = 'violations'`);
    await r.sql(`UPDATE webhook_subscription SET enabled = false WHERE id = $1`, [sub.id]);
    const [kept] = await r.sql(
      `WITH e AS (INSERT INTO event_outbox(type, subject, payload, occurred_at)
         VALUES ('model.registered', '{"type":"MODEL","id":"0"}', '{}', now() - interval '40 days') RETURNING id),
       d AS (INSERT INTO webhook_delivery(subscription_id, event_id) SELECT $1, id FROM e)
       SELECT id FROM e`,
      [sub.id],
    );
    await eventually(async () => (await r.sql(`SELECT count(*)::int AS n FROM event_outbox WHERE occurred_at < now() - interval '30 days'`))[0].n === 1);
    expect((await r.sql(`SELECT id FROM event_outbox WHERE occurred_at < now() - interval '30 days'`))[0].id).toBe(kept.id);
    expect((await r.sql(`SELECT count(*)::int AS n FROM audit_event`))[0].n).toBeGreaterThanOrEqual(audits);
  });

  it('shows the backlog, the oldest undelivered age and deliveries by outcome at /metrics', async () => {
    const text = await (await fetch(`${r.url}/metrics`)).text();
    expect(text).toMatch(/^pedigree_outbox_backlog \d+$/m);
    expect(text).toMatch(/^pedigree_outbox_oldest_undelivered_age_seconds [\d.e+-]+$/m);
    expect(text).toMatch(/^pedigree_webhook_deliveries_total\{outcome="DELIVERED"\} [1-9]\d*$/m);
  });
});
