import {
  ADMIN_TOKEN,
  assertNoErrors,
  eventually,
  LiveEvents,
  newModel,
  newOrganization,
  openLiveClient,
  RegistryProcess,
  startRegistry,
  subscribeLive,
} from '@pedigree/testing';

const EVENTS = `subscription($types: [String!], $filter: String) {
  events(types: $types, filter: $filter) { id position type timestamp subjectType subjectId subjectKey subject data auditEventId }
}`;
const CREATE_TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`;

/** The `events` GraphQL subscription over WebSocket, across two instances on one database. */
describe('live events (GraphQL subscription over graphql-ws)', () => {
  let a: RegistryProcess;
  let b: RegistryProcess;
  let reader: string;
  const open: LiveEvents[] = [];
  const live = (url: string, token: string | null, variables: Record<string, unknown> = {}) => {
    const s = subscribeLive(url, token, EVENTS, variables);
    open.push(s);
    return s;
  };
  const eventsOf = (s: LiveEvents) => s.received.map((r) => r.data?.events).filter(Boolean);

  beforeAll(async () => {
    a = await startRegistry({ env: { PEDIGREE_ALERTS_WORKER: 'off' } });
    b = await startRegistry({ sharing: a, env: { PEDIGREE_ALERTS_WORKER: 'off' } });
    await newOrganization(a, 'live-org', 'FR');
    const res = await a.gql(CREATE_TOKEN, { i: { owner: 'test-dashboard', role: 'READER' } });
    reader = assertNoErrors(res).data.createApiToken.token;
  });
  afterAll(async () => {
    for (const s of open) await s.close().catch(() => undefined);
    await b?.stop();
    await a?.stop();
  });

  it('a subscriber on instance B receives the event of a registration made on instance A', async () => {
    const onB = live(b.url, ADMIN_TOKEN, { types: ['model.registered'] });
    await onB.connected;
    // The subscription is registered once the server has read the subscribe message; give it a moment.
    await new Promise((r) => setTimeout(r, 300));
    const model = await newModel(a, { name: 'live-org/cross-instance', publisher: 'live-org' });
    await eventually(async () => eventsOf(onB).length >= 1, 10_000);
    const [event] = eventsOf(onB);
    expect(event).toMatchObject({ type: 'model.registered', subjectType: 'MODEL', subjectId: model.id, subjectKey: 'live-org/cross-instance' });
    expect(JSON.parse(event.data)).toMatchObject({ license: 'Apache-2.0', placeholder: false });
    const stored = await a.sql(
      `SELECT event_id::text AS id, audit_event_id::text AS audit FROM event_outbox WHERE type = 'model.registered' AND subject->>'id' = $1`,
      [model.id],
    );
    expect(event.id).toBe(stored[0].id);
    expect(event.auditEventId).toBe(stored[0].audit);
    expect(onB.errors).toEqual([]);
  });

  it('applies the types and the CEL filter, and sends each event once', async () => {
    const filtered = live(b.url, ADMIN_TOKEN, { types: ['model.registered'], filter: 'event.subject.key.endsWith("-keep")' });
    const everything = live(b.url, ADMIN_TOKEN);
    await Promise.all([filtered.connected, everything.connected]);
    await new Promise((r) => setTimeout(r, 300));
    await newModel(a, { name: 'live-org/one-keep', publisher: 'live-org' });
    await newModel(a, { name: 'live-org/two-drop', publisher: 'live-org' });
    await newModel(b, { name: 'live-org/three-keep', publisher: 'live-org' });
    await eventually(async () => eventsOf(everything).filter((e) => e.type === 'model.registered').length >= 3, 10_000);
    await eventually(async () => eventsOf(filtered).length >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsOf(filtered).map((e) => e.subjectKey)).toEqual(['live-org/one-keep', 'live-org/three-keep']);
    const ids = eventsOf(everything).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('authenticates with the token from connection_init, with the permissions of queries', async () => {
    const anonymous = live(b.url, null, { types: ['model.registered'] });
    await anonymous.finished;
    expect(anonymous.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(anonymous.errors[0].message).toMatch(/Authorization/);

    // Told why, then the socket is closed: a caller without a valid token cannot hold sockets open.
    const bogusClient = openLiveClient(b.url, 'pdg_' + 'x'.repeat(43));
    const bogus = bogusClient.subscribe(EVENTS, { types: ['model.registered'] });
    await bogus.finished;
    expect(bogus.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(bogus.errors[0].message).toMatch(/unknown, expired or revoked/);
    expect(await bogusClient.closed).toBe(4403);

    // A READER reads the catalog, not violations or the audit trail.
    const forbidden = live(b.url, reader, { types: ['model.registered', 'violation.opened'] });
    await forbidden.finished;
    expect(forbidden.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(forbidden.errors[0].message).toContain('types[1]: violation.opened events need AUDIT_READ');

    const allowed = live(b.url, reader);
    await allowed.connected;
    await new Promise((r) => setTimeout(r, 300));
    await newModel(a, { name: 'live-org/for-readers', publisher: 'live-org' });
    await eventually(async () => eventsOf(allowed).some((e) => e.subjectKey === 'live-org/for-readers'), 10_000);
  });

  it('refuses unknown types and filters that do not compile, naming the field', async () => {
    const badType = live(b.url, ADMIN_TOKEN, { types: ['model.registered', 'model.exploded'] });
    await badType.finished;
    expect(badType.errors[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', field: 'types[1]' } });
    const badFilter = live(b.url, ADMIN_TOKEN, { filter: 'event.type ==' });
    await badFilter.finished;
    expect(badFilter.errors[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', field: 'filter' } });
    const digest = live(b.url, ADMIN_TOKEN, { types: ['digest'] });
    await digest.finished;
    expect(digest.errors[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', field: 'types[0]' } });
  });

  it('validates a subscription document as it does a query, before anything runs', async () => {
    const client = openLiveClient(b.url, ADMIN_TOKEN);
    open.push({ close: () => client.close() } as LiveEvents);
    const bad = client.subscribe(`subscription { events { id nonsense } }`);
    await bad.finished;
    expect(bad.errors[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT' } });
    expect(bad.errors[0].message).toContain('Cannot query field "nonsense"');
    const badArg = client.subscribe(`subscription { events(kinds: ["x"]) { id } }`);
    await badArg.finished;
    expect(badArg.errors[0].message).toContain('Unknown argument "kinds"');
    // The request's own limits apply too: here the alias limit.
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: id`).join(' ');
    const wide = client.subscribe(`subscription { events { ${aliases} } }`);
    await wide.finished;
    expect(wide.errors[0].extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('caps the live subscriptions one token holds on an instance', async () => {
    const res = await a.gql(CREATE_TOKEN, { i: { owner: 'test-greedy', role: 'READER' } });
    const greedy = assertNoErrors(res).data.createApiToken.token;
    const client = openLiveClient(b.url, greedy);
    open.push({ close: () => client.close() } as LiveEvents);
    await client.connected;
    const held = Array.from({ length: 50 }, () => client.subscribe(EVENTS, { types: ['model.registered'] }));
    // The server registers subscriptions in the order it reads them; give it the 50 first.
    await new Promise((r) => setTimeout(r, 500));
    const extra = client.subscribe(EVENTS, { types: ['model.registered'] });
    const outcome = await Promise.race([extra.finished.then(() => 'refused'), new Promise((r) => setTimeout(() => r('still running'), 5000))]);
    expect(outcome).toBe('refused');
    expect(extra.errors[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'liveSubscriptionsPerToken' } });
    // The 50 it holds still work, and another token is not affected.
    await newModel(a, { name: 'live-org/after-the-cap', publisher: 'live-org' });
    await eventually(async () => held.every((h) => eventsOf(h).some((e) => e.subjectKey === 'live-org/after-the-cap')), 10_000);
    expect(held.flatMap((h) => h.errors)).toEqual([]);
  });
});

/** A WebSocket outlives the upgrade request it came in on: its subscriptions must not inherit that request's deadline. */
describe('live events on a long-lived socket', () => {
  let a: RegistryProcess;
  let c: RegistryProcess;
  afterAll(async () => {
    await c?.stop();
    await a?.stop();
  });

  it('a subscribe made after the request timeout has passed still works', async () => {
    a = await startRegistry({ env: { PEDIGREE_ALERTS_WORKER: 'off' } });
    c = await startRegistry({ sharing: a, env: { PEDIGREE_ALERTS_WORKER: 'off', PEDIGREE_REQUEST_TIMEOUT_MS: '1000' } });
    await newOrganization(a, 'late-org', 'FR');
    // A token instance c has never seen, so its subscribe must read the token table.
    const res = await a.gql(CREATE_TOKEN, { i: { owner: 'test-late', role: 'READER' } });
    const token = assertNoErrors(res).data.createApiToken.token;
    const client = openLiveClient(c.url, token);
    try {
      await client.connected;
      await new Promise((r) => setTimeout(r, 1500));
      const late = client.subscribe(EVENTS, { types: ['model.registered'] });
      await new Promise((r) => setTimeout(r, 300));
      await newModel(a, { name: 'late-org/after-the-deadline', publisher: 'late-org' });
      await eventually(async () => late.received.length > 0 || late.errors.length > 0, 10_000);
      expect(late.errors).toEqual([]);
      expect(late.received[0].data?.events.type).toBe('model.registered');
    } finally {
      await client.close();
    }
  });
});
