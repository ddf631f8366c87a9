import { randomBytes } from 'node:crypto';
import { RegistryProcess, startRegistry } from '@pedigree/testing';

const CREATE_TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`;
const bogus = () => `pdg_${randomBytes(32).toString('base64url')}`;

async function raw(r: RegistryProcess, token: string | null, query = '{ models(first: 1) { totalCount } }') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${r.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

/** Limits apply before identity: unverified callers share their address's bucket and cost no SQL twice. */
describe('authentication and rate limits', () => {
  let r: RegistryProcess;
  const ANONYMOUS = 60;
  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS), PEDIGREE_RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(() => r?.stop());

  it('keys made-up tokens on the address, so a flood of them is limited, with RATE_LIMITED and Retry-After; a valid token keeps its own bucket', async () => {
    // Its own registry: the flood exhausts this address's bucket for a minute.
    const flooded = await startRegistry({ env: { PEDIGREE_RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS), PEDIGREE_RATE_LIMIT_PER_MINUTE: '100000' } });
    try {
      await flood(flooded);
    } finally {
      await flooded.stop();
    }
  });

  async function flood(r: RegistryProcess): Promise<void> {
    const valid = (await r.gql(CREATE_TOKEN, { i: { owner: 'flood-victim', role: 'READER' } })).data.createApiToken.token;
    expect((await raw(r, valid)).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: ANONYMOUS + 40 }, () => raw(r, bogus())));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(40);
    expect(limited[0].body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'PEDIGREE_RATE_LIMIT_ANONYMOUS_PER_MINUTE', max: ANONYMOUS });
    expect(Number(limited[0].retryAfter)).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).every((a) => a.body.errors[0].extensions.code === 'UNAUTHENTICATED')).toBe(true);
    // The address is exhausted, yet a verified token is answered from its own bucket.
    const during = await raw(r, valid);
    expect(during.status).toBe(200);
    expect(during.body.data.models.totalCount).toBeGreaterThanOrEqual(0);
  }

  it('remembers an unknown token briefly, so asking again costs no SQL', async () => {
    const fresh = await startRegistry({ env: { PEDIGREE_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000' } });
    try {
      const token = bogus();
      const first = await fresh.gqlAs(token, '{ models(first: 1) { totalCount } }');
      const second = await fresh.gqlAs(token, '{ models(first: 1) { totalCount } }');
      expect(first.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect(first.sqlQueries).toBeGreaterThan(0);
      expect(second.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect(second.sqlQueries).toBe(0);
    } finally {
      await fresh.stop();
    }
  });

  it('logs refused authentication at warn level, sampled, never as a server error', async () => {
    const fresh = await startRegistry({ env: { PEDIGREE_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000' } });
    try {
      await Promise.all(Array.from({ length: 200 }, () => raw(fresh, bogus())));
      const lines = fresh
        .output()
        .split('\n')
        .filter((l) => l.includes('UNAUTHENTICATED'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBeLessThanOrEqual(3);
      for (const l of lines) expect(JSON.parse(l).level).toBe(40);
      expect(fresh.output()).not.toMatch(/"level":50/);
    } finally {
      await fresh.stop();
    }
  });

  it('stops an expired token at its expiry, even while it is cached', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const token = (await r.gql(CREATE_TOKEN, { i: { owner: 'short-lived', role: 'READER', expiresAt } })).data.createApiToken.token;
    expect((await raw(r, token)).status).toBe(200);
    await new Promise((res) => setTimeout(res, Math.max(0, new Date(expiresAt).getTime() - Date.now()) + 20));
    const after = await raw(r, token);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
