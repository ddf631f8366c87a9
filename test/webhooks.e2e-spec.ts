import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import {
  assertNoErrors,
  eventually,
  newModel,
  newOrganization,
  RegistryProcess,
  startRegistry,
  startWebhookReceiver,
  tableCounts,
  uniqueName,
  WebhookReceiver,
} from '@pedigree/testing';

const CREATE = `mutation($i: WebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { secret subscription { id name enabled } } }`;
const DELIVERIES = `query($s: ID, $status: WebhookDeliveryStatus) { webhookDeliveries(subscriptionId: $s, status: $status) {
  items { id eventId eventType status attempts lastStatusCode attemptLog { attempt statusCode outcome latencyMs error } } } }`;

/**
 * Deliveries through a real local HTTP receiver: Standard Webhooks signatures, retries with
 * backoff, 410, dead letters and replay, and the address checks that keep webhooks off private networks.
 */
describe('webhooks', () => {
  let r: RegistryProcess;
  let receiver: WebhookReceiver;
  const subscribe = async (path: string, extra: Record<string, unknown> = {}) => {
    const res = await r.gql(CREATE, { i: { name: uniqueName('hook'), url: `${receiver.url}${path}`, eventTypes: ['model.registered'], ...extra } });
    return assertNoErrors(res).data.createWebhookSubscription as { secret: string; subscription: { id: string } };
  };
  const deliveries = async (subscriptionId: string) => (await r.gql(DELIVERIES, { s: subscriptionId })).data.webhookDeliveries.items;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    r = await startRegistry({
      env: {
        PEDIGREE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
        PEDIGREE_WEBHOOK_BACKOFF_BASE_MS: '100',
        PEDIGREE_WEBHOOK_MAX_ATTEMPTS: '4',
        PEDIGREE_WEBHOOK_POLL_MS: '100',
        PEDIGREE_WEBHOOK_TIMEOUT_MS: '2000',
      },
    });
    await newOrganization(r, 'test-org', 'FR');
  });
  afterAll(async () => {
    await r?.stop();
    await receiver?.close();
  });

  it('signs each delivery so that the standardwebhooks library verifies it, and links the audit event', async () => {
    const { secret } = await subscribe('/signed');
    const model = await newModel(r, { name: 'test-org/signed-model' });
    const [got] = await eventually(async () => receiver.at('/signed').length > 0 && receiver.at('/signed'));
    const verified = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as Record<string, any>;
    expect(verified).toMatchObject({ type: 'model.registered', subject: { type: 'MODEL', id: model.id, key: 'test-org/signed-model' } });
    expect(got.headers['webhook-id']).toBe(verified.id);
    expect(verified.auditEventId).toMatch(/^\d+$/);
    const [audit] = await r.sql(`SELECT operation FROM audit_event WHERE id = $1`, [verified.auditEventId]);
    expect(audit.operation).toBe('registerModel');
    // A wrong secret does not verify.
    expect(() => new Webhook(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`).verify(got.body, got.headers as Record<string, string>)).toThrow();
  });

  it("runs the README's receiver: it verifies a real delivery and refuses a forged one", async () => {
    const port = await freePort();
    const res = await r.gql(CREATE, { i: { name: uniqueName('hook'), url: `http://127.0.0.1:${port}/pedigree`, eventTypes: ['model.registered'] } });
    const { secret, subscription } = assertNoErrors(res).data.createWebhookSubscription;
    const child = spawn(process.execPath, [resolve(__dirname, '../examples/webhook-receiver.js'), String(port)], {
      env: { ...process.env, WEBHOOK_SECRET: secret },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await eventually(async () => {
        const ready = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).catch(() => null);
        return ready?.status === 401;
      });
      await newModel(r, { name: 'test-org/readme-receiver' });
      const line = await eventually(async () => out.split('\n').find((l) => l.includes('readme-receiver')));
      expect(JSON.parse(line)).toMatchObject({ type: 'model.registered', subject: { key: 'test-org/readme-receiver' } });
    } finally {
      child.kill();
      // Nothing listens there any more: no retries in the background of the tests below.
      assertNoErrors(await r.gql(`mutation($id: ID!) { deleteWebhookSubscription(id: $id) { id } }`, { id: subscription.id }));
    }
  });

  it('signs with both secrets while a rotation overlaps', async () => {
    const { secret: old, subscription } = await subscribe('/rotated');
    const rotated = assertNoErrors(
      await r.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret subscription { previousSecretUntil } } }`, { id: subscription.id }),
    );
    const { secret: fresh } = rotated.data.rotateWebhookSecret;
    expect(rotated.data.rotateWebhookSecret.subscription.previousSecretUntil).not.toBeNull();
    await newModel(r, { name: 'test-org/rotated-model' });
    const [got] = await eventually(async () => receiver.at('/rotated').length > 0 && receiver.at('/rotated'));
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [old, fresh])
      expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({ type: 'model.registered' });
  });

  it('retries with backoff: a receiver that fails 3 times gets the event on the 4th attempt', async () => {
    receiver.answer('/flaky', 500, 503, 500);
    const { subscription } = await subscribe('/flaky');
    await newModel(r, { name: 'test-org/flaky-model' });
    const [d] = await eventually(async () => {
      const items = await deliveries(subscription.id);
      return items[0]?.status === 'DELIVERED' && items;
    });
    expect(d.attempts).toBe(4);
    expect(d.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 500, 200]);
    expect(d.attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['FAILED', 'FAILED', 'FAILED', 'DELIVERED']);
    const ids = new Set(receiver.at('/flaky').map((x) => x.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const times = receiver.at('/flaky').map((x) => x.receivedAt);
    // Backoff doubles from 100 ms (±25 %): the third gap is longer than the first.
    expect(times[3] - times[2]).toBeGreaterThan(times[1] - times[0]);
  });

  it('dead-letters a delivery after the last attempt, and replays it', async () => {
    receiver.answer('/down', 500, 500, 500, 500);
    const { subscription } = await subscribe('/down');
    await newModel(r, { name: 'test-org/dead-model' });
    const [dead] = await eventually(async () => {
      const items = await deliveries(subscription.id);
      return items[0]?.status === 'DEAD' && items;
    });
    expect(dead.attempts).toBe(4);
    const replay = assertNoErrors(await r.gql(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { status attempts } }`, { id: dead.id }));
    expect(replay.data.replayWebhookDelivery).toEqual({ status: 'PENDING', attempts: 0 });
    const [done] = await eventually(async () => {
      const items = await deliveries(subscription.id);
      return items[0]?.status === 'DELIVERED' && items;
    });
    expect(done.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 500, 200]);
    // A delivered delivery is not replayed.
    const again = await r.gql(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { status } }`, { id: dead.id });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('disables the subscription when the receiver answers 410 Gone', async () => {
    receiver.answer('/gone', 410);
    const { subscription } = await subscribe('/gone');
    await newModel(r, { name: 'test-org/gone-model' });
    const sub = await eventually(async () => {
      const res = await r.gql(`{ webhookSubscriptions { id enabled disabledReason } }`);
      const s = res.data.webhookSubscriptions.find((x: { id: string }) => x.id === subscription.id);
      return !s.enabled && s;
    });
    expect(sub.disabledReason).toMatch(/410/);
    expect((await deliveries(subscription.id))[0]).toMatchObject({ status: 'DEAD', lastStatusCode: 410 });
    await newModel(r, { name: 'test-org/after-gone-model' });
    expect(await deliveries(subscription.id)).toHaveLength(1);
  });

  it('sends only what the CEL filter matches', async () => {
    const { subscription } = await subscribe('/filtered', { filter: 'event.subject.key.endsWith("-wanted")' });
    await newModel(r, { name: 'test-org/filter-skipped' });
    await newModel(r, { name: 'test-org/filter-wanted' });
    const items = await eventually(async () => {
      const all = await deliveries(subscription.id);
      return all.length === 2 && all.every((d: { status: string }) => d.status !== 'PENDING') && all;
    });
    expect(items.map((d: { status: string }) => d.status).sort()).toEqual(['DELIVERED', 'FILTERED']);
    expect(receiver.at('/filtered').map((x) => JSON.parse(x.body).subject.key)).toEqual(['test-org/filter-wanted']);
  });

  it('refuses private, loopback, link-local and plain-http URLs, naming the field and writing nothing', async () => {
    const before = await tableCounts(r);
    for (const url of [
      'https://10.1.2.3/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[fd00:ec2::254]/hook',
      'https://[::ffff:192.168.1.1]/hook',
      'https://127.0.0.2/hook',
      'http://example.com/hook',
      'ftp://example.com/hook',
      'https://user:pw@example.com/hook',
    ]) {
      const res = await r.gql(CREATE, { i: { name: uniqueName('bad'), url, eventTypes: ['model.registered'] } });
      expect({ url, code: res.errors?.[0].extensions?.code, field: res.errors?.[0].extensions?.field }).toEqual({
        url,
        code: 'INVALID_INPUT',
        field: 'input.url',
      });
    }
    const badType = await r.gql(CREATE, { i: { name: uniqueName('bad'), url: `${receiver.url}/x`, eventTypes: ['model.registred'] } });
    expect(badType.errors?.[0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.eventTypes[0]' });
    const badFilter = await r.gql(CREATE, {
      i: { name: uniqueName('bad'), url: `${receiver.url}/x`, eventTypes: ['model.registered'], filter: 'event.subject ==' },
    });
    expect(badFilter.errors?.[0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.filter' });
    expect(await tableCounts(r)).toEqual(before);
  });

  it('lets only ALERTS_ADMIN manage subscriptions', async () => {
    const token = assertNoErrors(await r.gql(`mutation { createApiToken(input: { owner: "ci", role: PIPELINE }) { token } }`)).data.createApiToken.token;
    const res = await r.gqlAs(token, CREATE, { i: { name: uniqueName('hook'), url: `${receiver.url}/x`, eventTypes: ['model.registered'] } });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await r.gqlAs(token, `{ webhookSubscriptions { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}
