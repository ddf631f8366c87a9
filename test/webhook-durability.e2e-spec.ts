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

const FAST = { PEDIGREE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', PEDIGREE_WEBHOOK_POLL_MS: '50', PEDIGREE_WEBHOOK_BACKOFF_BASE_MS: '100' };
const EVENTS = 40;

/**
 * Events queued before a `kill -9` are delivered after restart, none lost; two instances sending
 * side by side deliver each event once (a lease taken with FOR UPDATE SKIP LOCKED).
 */
describe('webhook deliveries across a crash and two instances', () => {
  let a: RegistryProcess;
  let b: RegistryProcess | undefined;
  let c: RegistryProcess | undefined;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // The first instance commits events but sends nothing, so all are still queued when it dies.
    a = await startRegistry({ env: { ...FAST, PEDIGREE_ALERTS_WORKER: 'off' } });
    await newOrganization(a, 'test-org', 'FR');
  });
  afterAll(async () => {
    await c?.stop();
    await b?.stop();
    await a?.stop();
    await receiver?.close();
  });

  it('delivers every event queued before kill -9 after restart, each exactly once by two instances', async () => {
    assertNoErrors(
      await a.gql(`mutation($i: WebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { secret } }`, {
        i: { name: 'crash-receiver', url: `${receiver.url}/crash`, eventTypes: ['model.registered'] },
      }),
    );
    for (let i = 0; i < EVENTS; i++) await newModel(a, { name: `test-org/crash-${i}` });
    const queued = await a.sql(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'PENDING'`);
    expect(queued[0].n).toBe(EVENTS);
    await a.crash();
    expect(receiver.at('/crash')).toHaveLength(0);

    b = await startRegistry({ sharing: a, env: FAST });
    c = await startRegistry({ sharing: a, env: FAST });
    await eventually(async () => receiver.at('/crash').length >= EVENTS, 30_000);
    // A little longer, so that a second delivery of any event would have arrived too.
    await new Promise((r) => setTimeout(r, 1500));
    const ids = receiver.at('/crash').map((x) => String(x.headers['webhook-id']));
    expect(ids).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
    const keys = new Set(receiver.at('/crash').map((x) => JSON.parse(x.body).subject.key));
    for (let i = 0; i < EVENTS; i++) expect(keys.has(`test-org/crash-${i}`)).toBe(true);
    const states = await b.sql(`SELECT status, count(*)::int AS n FROM webhook_delivery GROUP BY status`);
    expect(states).toEqual([{ status: 'DELIVERED', n: EVENTS }]);
    const attempts = await b.sql(`SELECT count(*)::int AS n FROM webhook_attempt`);
    expect(attempts[0].n).toBe(EVENTS);
  });
});
