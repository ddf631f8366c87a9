import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startEmbeddedRegistry } from './support/embedded-registry';
import { RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

const ADMIN_TOKEN_MAIN = resolve(__dirname, '..', 'dist/apps/registry/src/admin/admin-token.main.js');
const CREATE_TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { apiToken { role owner } } }`;

/** `npm run admin-token`: what an operator runs on the server host after losing every admin token. */
function mintAdminToken(env: Record<string, string>, owner: string): Promise<{ code: number | null; token: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PEDIGREE_LOG_MIGRATIONS: 'off', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((res) => {
    const child = spawn(process.execPath, [ADMIN_TOKEN_MAIN, '--owner', owner], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => res({ code, token: stdout.trim(), stderr }));
  });
}

describe('recovering a lost admin token from the server host', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(() => r?.stop());

  it('mints an ADMIN token in the database, with an audit event, that can run ADMIN mutations', async () => {
    const minted = await mintAdminToken({ DATABASE_URL: r.databaseUrl }, 'ops-recovery');
    expect(minted).toMatchObject({ code: 0, token: expect.stringMatching(/^pdg_[A-Za-z0-9_-]{43}$/) });

    const created = await r.gqlAs(minted.token, CREATE_TOKEN, { i: { owner: 'after-recovery', role: 'READER' } });
    expect(created.errors).toBeUndefined();
    expect(created.data.createApiToken.apiToken).toEqual({ role: 'READER', owner: 'after-recovery' });

    const [token] = await r.sql(`SELECT id, role, created_by FROM api_token WHERE owner = 'ops-recovery'`);
    expect(token).toMatchObject({ role: 'ADMIN', created_by: null });
    const events = await r.sql(`SELECT actor, operation, touched_ids FROM audit_event WHERE $1 = ANY(touched_ids)`, [String(token.id)]);
    expect(events).toEqual([{ actor: expect.stringMatching(/^system:admin-token \(/), operation: 'createApiToken', touched_ids: [String(token.id)] }]);
    // Only the hash is stored.
    expect(JSON.stringify(await r.sql(`SELECT * FROM api_token`))).not.toContain(minted.token);
  });

  it('refuses an unknown argument without touching the database', async () => {
    const before = { ...(await tableCounts(r)), audit: (await r.sql(`SELECT count(*)::int AS n FROM audit_event`))[0].n };
    const run = await new Promise<number | null>((res) =>
      spawn(process.execPath, [ADMIN_TOKEN_MAIN, '--own', 'x'], { env: { ...process.env, DATABASE_URL: r.databaseUrl }, stdio: 'ignore' }).once('exit', res),
    );
    expect(run).toBe(2);
    expect({ ...(await tableCounts(r)), audit: (await r.sql(`SELECT count(*)::int AS n FROM audit_event`))[0].n }).toEqual(before);
  });

  it('refuses a data directory that does not exist rather than initialising an empty registry', async () => {
    const missing = join(tmpdir(), `pedigree-no-such-dir-${process.pid}`);
    const run = await mintAdminToken({ PEDIGREE_DATA_DIR: missing }, 'nobody');
    expect(run.code).toBe(2);
    expect(run.token).toBe('');
    expect(run.stderr).toContain(`No registry data at ${missing}`);
  });
});

describe('recovering an admin token with the embedded PostgreSQL', () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'pedigree-admin-token-'));
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

  it('works while the registry runs (on its server) and while it is stopped (starting and stopping its own)', async () => {
    const pgPort = await freePort();
    const env = { PEDIGREE_DATA_DIR: dataRoot, PEDIGREE_PG_PORT: String(pgPort) };
    const registry = await startEmbeddedRegistry(dataRoot, pgPort);
    let stopped = false;
    try {
      const whileRunning = await mintAdminToken(env, 'while-running');
      expect(whileRunning.stderr).toContain("using the running registry's embedded PostgreSQL");
      expect(whileRunning.code).toBe(0);
      const asMinted = await fetch(`${registry.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${whileRunning.token}` },
        body: JSON.stringify({ query: CREATE_TOKEN, variables: { i: { owner: 'x', role: 'READER' } } }),
      }).then((res) => res.json() as Promise<any>);
      expect(asMinted.errors).toBeUndefined();
      expect(await registry.stop('SIGINT')).toBe(0);
      stopped = true;

      const whileStopped = await mintAdminToken(env, 'while-stopped');
      expect(whileStopped.code).toBe(0);
      const again = await startEmbeddedRegistry(dataRoot, pgPort);
      try {
        const res = await fetch(`${again.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${whileStopped.token}` },
          body: JSON.stringify({ query: `{ apiTokens { edges { node { owner role } } } }` }),
        }).then((res) => res.json() as Promise<any>);
        expect(res.data.apiTokens.edges.map((e: any) => e.node.owner)).toEqual(expect.arrayContaining(['while-running', 'while-stopped']));
      } finally {
        await again.stop();
      }
    } finally {
      if (!stopped) await registry.stop();
    }
  });
});
