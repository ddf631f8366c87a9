import { ADMIN_TOKEN, RegistryProcess, startRegistry } from '@pedigree/testing';

describe('operations: health, metrics, logs', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(() => r?.stop());

  it('serves liveness and readiness including the database', async () => {
    expect(await (await fetch(`${r.url}/health/live`)).json()).toMatchObject({ status: 'ok' });
    const ready = await (await fetch(`${r.url}/health/ready`)).json();
    expect(ready).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('exposes Prometheus metrics per operation, registrations and pool use', async () => {
    await r.gql(`{ models(first: 1) { totalCount } }`);
    await r.gql(
      `mutation { registerOrganization(input: { slug: "metrics-org", name: "M", kind: COMPANY, evidence: { origin: AUDIT_FINDING, justification: "x" } }) { id } }`,
    );
    const text = await (await fetch(`${r.url}/metrics`)).text();
    expect(text).toMatch(/pedigree_graphql_operations_total\{operation="models",type="query",outcome="ok"\} \d+/);
    expect(text).toMatch(/pedigree_graphql_operation_seconds_bucket\{le="[^"]+",operation="models"/);
    expect(text).toMatch(/pedigree_registrations_total\{operation="registerOrganization"\} 1/);
    expect(text).toMatch(/pedigree_db_pool_connections \d+/);
  });

  it('logs one JSON line per request with its request id, and never the token', async () => {
    await fetch(`${r.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': 'trace-42' },
      body: JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }),
    });
    await new Promise((res) => setTimeout(res, 200));
    const lines = r
      .output()
      .split('\n')
      .filter((l) => l.includes('"reqId":"trace-42"'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', statusCode: 200 });
    expect(r.output()).not.toContain(ADMIN_TOKEN);
  });
});
