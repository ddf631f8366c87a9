import { resolve } from 'node:path';

export interface DatabaseConfig {
  /** An external server; when unset the app starts its embedded PostgreSQL. */
  url: string | null;
  dataDir: string;
  embeddedPort: number;
  embeddedDatabase: string;
  poolSize: number;
  statementTimeoutMs: number;
}

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    url: env.DATABASE_URL?.trim() || null,
    dataDir: resolve(env.PEDIGREE_DATA_DIR ?? '.data', 'postgres'),
    embeddedPort: intFrom(env.PEDIGREE_PG_PORT, 54329, 'PEDIGREE_PG_PORT'),
    embeddedDatabase: env.PEDIGREE_PG_DATABASE ?? 'pedigree',
    poolSize: intFrom(env.PEDIGREE_DB_POOL, 20, 'PEDIGREE_DB_POOL'),
    statementTimeoutMs: intFrom(env.PEDIGREE_STATEMENT_TIMEOUT_MS, 30000, 'PEDIGREE_STATEMENT_TIMEOUT_MS'),
  };
}

/** A positive integer setting; the one parser for numeric environment variables outside the app. */
export function intFrom(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Same server, another database: used for the embedded default and for per-test databases. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
