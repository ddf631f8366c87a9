import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Every database the service tier creates is named so; nothing else is ever touched. */
export const SERVICE_TEST_DATABASE_PREFIX = 'pedigree_test_service_';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Refuses a database whose name does not say it is for tests, whatever the caller passed. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name) || !/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to use database "${name}": its name must say it is for tests`);
}

/**
 * A fresh, empty database on the server the global setup provides (PEDIGREE_TEST_ADMIN_URL).
 * The migrations run when the Nest data source starts (DatabaseModule), as in production.
 */
export async function createTestDatabase(adminUrl = process.env.PEDIGREE_TEST_ADMIN_URL): Promise<TestDatabase> {
  if (!adminUrl) throw new Error('PEDIGREE_TEST_ADMIN_URL is not set: run service tests through jest (npm run test:service).');
  const name = `${SERVICE_TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  assertTestDatabaseName(name);
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(adminUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
