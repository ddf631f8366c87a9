import { ensureDatabase } from './database-admin.repository';
import { DatabaseConfig, withDatabase } from './database.config';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedAdminUrl, EmbeddedDatabase, EmbeddedDatabaseOptions, startEmbeddedPostgres } from './embedded-postgres';
import { findLeftoverServer } from './stale-postmaster';

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

/**
 * For tools run on the server host beside the registry (the admin-token command). A running
 * registry's embedded server is used as it is, on the port its postmaster.pid records: a second
 * server cannot share the data directory, and stopping the registry's would take it down.
 * Otherwise as resolveDatabase; the caller then stops the server it started.
 */
export async function attachDatabase(config: DatabaseConfig, log: (line: string) => void): Promise<ResolvedDatabase> {
  if (!config.url && existsSync(config.dataDir) && findLeftoverServer(realpathSync(config.dataDir)).kind === 'in-use') {
    // postmaster.pid: pid, data directory, start time, port, ...
    const port = Number(readFileSync(join(config.dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]) || config.embeddedPort;
    log(`using the running registry's embedded PostgreSQL (data in ${config.dataDir}, port ${port})`);
    return { url: withDatabase(embeddedAdminUrl(port), config.embeddedDatabase), embedded: null };
  }
  return resolveDatabase(config, log);
}
