// The registry's own bootstrap: the same embedded PostgreSQL, data source and migrations.
import { Client } from 'pg';
import { createDataSource, readDatabaseConfig, resolveDatabase, ResolvedDatabase } from '@pedigree/database';

export type { ResolvedDatabase };

/**
 * The database to seed: --database-url, else DATABASE_URL, else the embedded PostgreSQL in
 * PEDIGREE_DATA_DIR, started exactly as the registry starts it (so the registry finds the data).
 */
export async function openDatabase(databaseUrl: string | undefined, log: (line: string) => void): Promise<ResolvedDatabase> {
  const env = databaseUrl ? { ...process.env, DATABASE_URL: databaseUrl } : process.env;
  return resolveDatabase(readDatabaseConfig(env), log);
}

/** Runs the registry's migrations (each in its own transaction), so an empty database works. Returns what ran. */
export async function migrate(url: string): Promise<string[]> {
  // The shared TypeORM logger would print each migration to stdout, which must stay clean for --json.
  const dataSource = createDataSource({ url, poolSize: 1, statementTimeoutMs: 0, acquireTimeoutMs: 0, logMigrations: false });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Where the data goes, without credentials: for messages and the summary. */
export function describeDatabase(url: string): { name: string; server: string; label: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  const server = `${u.hostname}:${u.port || '5432'}`;
  return { name, server, label: `"${name}" on ${server}` };
}

/** The one connection the bulk load streams COPY through; no statement timeout, it runs for minutes. */
export async function openBulkConnection(url: string, log: (line: string) => void): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'pedigree-seed', statement_timeout: 0 });
  // A dropped connection also fails the statement in flight, which reports it; this only keeps it from crashing the process.
  client.on('error', (e) => log(`connection lost: ${e.message}`));
  await client.connect();
  return client;
}
