import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Db } from '@pedigree/database';
import { requestContext, Deadline } from '@pedigree/core';
import { assertTestDatabaseName, startServiceTier, ServiceTier } from '@pedigree/testing/service';

// Db on a real PostgreSQL: transaction and savepoint boundaries, after-commit callbacks, deadlines.
let tier: ServiceTier;
let db: Db;

beforeAll(async () => {
  tier = await startServiceTier([]);
  db = tier.db;
  await db.query('CREATE TABLE probe (v text PRIMARY KEY)');
});
afterAll(() => tier?.close());
beforeEach(() => db.query('TRUNCATE probe'));

const values = async () => (await db.query<{ v: string }>('SELECT v FROM probe ORDER BY v')).map((r) => r.v);

it('runs the migrations into a database named for tests, and refuses any other name', async () => {
  expect(tier.database.name).toMatch(/^pedigree_test_service_/);
  // Every migration file ran once: counted from the folder, so adding a migration needs no edit here.
  const files = readdirSync(resolve(__dirname, '..', '..', 'migrations')).filter((f) => /^\d+-\w+\.ts$/.test(f));
  expect(await db.one<{ n: number }>('SELECT count(*)::int AS n FROM migrations')).toEqual({ n: files.length });
  expect(() => assertTestDatabaseName('pedigree')).toThrow(/must say it is for tests/);
});

it('rolls a transaction back when its work throws, and runs after-commit callbacks only on commit', async () => {
  const ran: string[] = [];
  await expect(
    db.transaction(async () => {
      await db.query(`INSERT INTO probe VALUES ('lost')`);
      db.afterCommit(() => ran.push('lost'));
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  await db.transaction(async () => {
    await db.query(`INSERT INTO probe VALUES ('kept')`);
    db.afterCommit(() => ran.push('kept'));
    expect(ran).toEqual([]);
  });
  expect(await values()).toEqual(['kept']);
  expect(ran).toEqual(['kept']);
});

it('undoes only a failed savepoint and its callbacks, and the transaction goes on', async () => {
  const ran: string[] = [];
  await db.transaction(async () => {
    await db.savepoint(() => db.query(`INSERT INTO probe VALUES ('a')`));
    await expect(
      db.savepoint(async () => {
        await db.query(`INSERT INTO probe VALUES ('b')`);
        db.afterCommit(() => ran.push('b'));
        await db.query(`INSERT INTO probe VALUES ('a')`); // duplicate key
      }),
    ).rejects.toThrow();
    await db.query(`INSERT INTO probe VALUES ('c')`);
    db.afterCommit(() => ran.push('c'));
  });
  expect(await values()).toEqual(['a', 'c']);
  expect(ran).toEqual(['c']);
});

it('cancels a statement still running at the request deadline, on the server', async () => {
  const started = Date.now();
  const deadline = new Deadline(300, 'PEDIGREE_REQUEST_TIMEOUT_MS').start();
  try {
    await expect(requestContext.run(() => db.query('SELECT pg_sleep(5)'), deadline)).rejects.toMatchObject({ code: 'TIMEOUT' });
  } finally {
    deadline.finish();
  }
  expect(Date.now() - started).toBeLessThan(3000);
  const running = await db.query(`SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(5)' AND state = 'active'`);
  expect(running).toEqual([]);
});
