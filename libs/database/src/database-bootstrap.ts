import { ensureDatabase } from './database-admin.repository';
import { DatabaseConfig, withDatabase } from './database.config';
import { EmbeddedDatabase, EmbeddedDatabaseOptions, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedDatabase | null;
}

/** What the embedded server's supervision reports; see EmbeddedDatabaseOptions. */
export type EmbeddedEvents = Pick<EmbeddedDatabaseOptions, 'notice' | 'onLost'>;

/** Uses DATABASE_URL when given; otherwise starts the embedded server and ensures the app database exists. */
export async function resolveDatabase(config: DatabaseConfig, log: (line: string) => void, events: EmbeddedEvents = {}): Promise<ResolvedDatabase> {
  if (config.url) return { url: config.url, embedded: null };
  log(`DATABASE_URL is not set: starting embedded PostgreSQL (data in ${config.dataDir}, port ${config.embeddedPort})`);
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort, notice: events.notice ?? log, onLost: events.onLost });
  try {
    await ensureDatabase(embedded.adminUrl, config.embeddedDatabase);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: withDatabase(embedded.adminUrl, config.embeddedDatabase), embedded };
}
