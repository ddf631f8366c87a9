import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The migrations are the source of truth for the schema; the entities must describe it exactly,
 * or a renamed column only fails at run time. TypeORM's schema builder says what `synchronize`
 * would run to make the database match the entities: after the migrations, that must be nothing.
 *
 * The compiled data source is the one the registry and the tools use. Its imports (the entities,
 * the migrations, the configuration) include nothing of Nest, so Jest can load it in-process.
 */
const { createDataSource } = require(resolve(__dirname, '..', 'dist/libs/database/src/data-source.factory.js')) as {
  createDataSource(s: { url: string; poolSize: number; statementTimeoutMs: number; acquireTimeoutMs: number; logMigrations: boolean }): DataSource;
};

let admin: string;
let name: string;
let dataSource: DataSource;

beforeAll(async () => {
  admin = process.env.PEDIGREE_TEST_ADMIN_URL!;
  if (!admin) throw new Error('PEDIGREE_TEST_ADMIN_URL is not set: run e2e tests through jest (global setup).');
  name = `pedigree_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  dataSource = createDataSource({ url: url.toString(), poolSize: 2, statementTimeoutMs: 0, acquireTimeoutMs: 0, logMigrations: false });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  if (name) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
});

describe('the entities describe the migrated schema', () => {
  it('TypeORM finds nothing to change: columns, keys, foreign keys, checks, uniques and indexes all match', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    // The statements themselves are the clearest report of what differs.
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('every table the migrations create has an entity (the diff only looks at tables with one)', async () => {
    const tables = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    );
    const entityTables = dataSource.entityMetadatas.map((m) => m.tableName).sort();
    expect(entityTables).toEqual(tables.map((t) => t.table_name));
  });
});

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
