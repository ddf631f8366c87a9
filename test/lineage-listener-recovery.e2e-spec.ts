import { Client } from 'pg';
import { metric, waitFor } from './support/probes';
import { newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

const LINEAGE = `query($m: String!) { lineage(of: { model: $m }, maxDepth: 5) { edges { id } } }`;
const CONNECTED = 'pedigree_lineage_listener_connected';
const ATTEMPTS = 'pedigree_lineage_listener_reconnect_attempts_total';

/**
 * Instance `a` polls only every 10 minutes here, so a write on `b` can reach it within a second
 * only by NOTIFY: that is, only if a's listener came back after each loss.
 */
describe('the lineage change listener reconnects for ever', () => {
  let a: RegistryProcess;
  let b: RegistryProcess;
  let database: string;

  beforeAll(async () => {
    a = await startRegistry({ env: { PEDIGREE_LINEAGE_POLL_MS: '600000' } });
    b = await startRegistry({ sharing: a });
    await newOrganization(a, 'test-org', 'FR');
    database = (await a.sql<{ db: string }>('SELECT current_database() AS db'))[0].db;
  });
  afterAll(async () => {
    await allowConnections(true).catch(() => undefined);
    await b?.stop();
    await a?.stop();
  });

  /** From the server's admin database: PostgreSQL refuses to lock out the current database. */
  async function allowConnections(allow: boolean): Promise<void> {
    const admin = new Client({ connectionString: process.env.PEDIGREE_TEST_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS ${allow}`);
    } finally {
      await admin.end();
    }
  }

  /** Both instances' listeners (and any poll connection): the name is shared, the database is this test's own. */
  async function terminateListeners(): Promise<number> {
    const rows = await a.sql<{ n: string }>(
      `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = 'pedigree-lineage-index' AND datname = current_database()`,
    );
    return Number(rows[0].n);
  }

  async function bWriteReachesA(): Promise<number> {
    const base = await newModel(b);
    const child = await newModel(b, { lineage: [{ source: { model: base.name }, relation: 'FINETUNE' }] });
    return waitFor('b’s edge on a', async () => (await a.gql(LINEAGE, { m: child.name })).data.lineage.edges.length === 1, 1000, 10);
  }

  it('comes back after each pg_terminate_backend, and b’s writes reach a by NOTIFY within 1 s', async () => {
    expect(await metric(a.url, CONNECTED)).toBe(1);
    expect(await bWriteReachesA()).toBeLessThan(1000);
    for (let i = 0; i < 5; i++) {
      const before = (await metric(a.url, ATTEMPTS))!;
      expect(await terminateListeners()).toBeGreaterThanOrEqual(1);
      await waitFor('a reconnects', async () => (await metric(a.url, CONNECTED)) === 1 && (await metric(a.url, ATTEMPTS))! > before, 5000);
      expect(await bWriteReachesA()).toBeLessThan(1000);
    }
  });

  it('keeps retrying while connections are refused, then comes back', async () => {
    await allowConnections(false);
    const before = (await metric(a.url, ATTEMPTS))!;
    expect(await terminateListeners()).toBeGreaterThanOrEqual(1);
    await waitFor('a sees the listener down', async () => (await metric(a.url, CONNECTED)) === 0, 2000);
    // Several refused attempts, with growing pauses between them.
    await waitFor('a keeps trying', async () => (await metric(a.url, ATTEMPTS))! >= before + 4, 15_000, 100);
    expect(await metric(a.url, CONNECTED)).toBe(0);
    await allowConnections(true);

    await waitFor('a reconnects once connections are accepted again', async () => (await metric(a.url, CONNECTED)) === 1, 35_000, 100);
    expect(await bWriteReachesA()).toBeLessThan(1000);
    // The catch-up poll after reconnecting counts as a successful read of the change feed.
    expect(await metric(a.url, 'pedigree_lineage_feed_last_poll_age_seconds')).toBeLessThan(60);
  });

  it('logs the loss and the recovery once each, not once per attempt', () => {
    const lines = a.output().split('\n');
    const lost = lines.filter((l) => l.includes('lineage change listener lost')).length;
    const back = lines.filter((l) => l.includes('lineage change listener reconnected')).length;
    expect(lost).toBe(6);
    expect(back).toBe(6);
  });
});
