import { resolve } from 'node:path';
import { config, readConfig } from '@pedigree/config';

export interface DatabaseConfig {
  /** An external server; when unset the app starts its embedded PostgreSQL. */
  url: string | null;
  dataDir: string;
  embeddedPort: number;
  embeddedDatabase: string;
  poolSize: number;
  statementTimeoutMs: number;
  /** How long a query waits for a pool connection before the request is answered UNAVAILABLE. */
  acquireTimeoutMs: number;
}

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const c = env === process.env ? config() : readConfig(env);
  return {
    url: c.databaseUrl,
    dataDir: resolve(c.dataDir!, 'postgres'),
    embeddedPort: c.embeddedPort,
    embeddedDatabase: c.embeddedDatabase!,
    poolSize: c.poolSize,
    statementTimeoutMs: c.statementTimeoutMs,
    acquireTimeoutMs: c.acquireTimeoutMs,
  };
}

/** Same server, another database: used for the embedded default and for per-test databases. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
