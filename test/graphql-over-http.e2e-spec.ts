import { serverAudits } from 'graphql-http';
import { ADMIN_TOKEN, RegistryProcess, startRegistry } from '@pedigree/testing';

/** The graphql-http conformance audits, run against the real server. */
describe('GraphQL over HTTP conformance', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(() => r?.stop());

  it('has no MUST failures, and reports the SHOULD results', async () => {
    const fetchFn = (input: any, init?: any) => {
      const headers = new Headers(init?.headers ?? {});
      headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
      return fetch(input, { ...init, headers });
    };
    const audits = serverAudits({ url: `${r.url}/graphql`, fetchFn });
    const results: { name: string; status: string; reason?: string }[] = [];
    for (const audit of audits) {
      const outcome = (await audit.fn()) as { status: string; reason?: string };
      results.push({ name: audit.name, status: outcome.status, reason: outcome.reason });
    }
    const failures = (level: string) => results.filter((x) => x.status !== 'ok' && x.name.startsWith(level)).map((x) => `${x.name}: ${x.reason}`);
    // Printed for the README's conformance table.
    console.log(
      `graphql-http audits: ${results.filter((x) => x.status === 'ok').length}/${results.length} ok\nSHOULD not met:\n${failures('SHOULD').join('\n')}\nMAY not met:\n${failures('MAY').join('\n')}`,
    );
    expect(failures('MUST')).toEqual([]);
  });
});
