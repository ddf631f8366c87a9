import {
  ADMIN_TOKEN,
  assertNoErrors,
  eventually,
  LiveEvents,
  newModel,
  newOrganization,
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

    const bogus = live(b.url, 'pdg_' + 'x'.repeat(43), { types: ['model.registered'] });
    await bogus.finished;
    expect(bogus.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

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
});
