import { randomBytes } from 'node:crypto';
import { Client, ClientConfig } from 'pg';
import { ColumnType, DataSource, DataSourceOptions, Logger } from 'typeorm';
import { config } from '@pedigree/config';
import { migrations } from '@pedigree/migrations';
import { ENTITIES } from './entities';
import { sqlDiagnostics } from './sql-diagnostics';

class CountingLogger implements Logger {
  constructor(private readonly logMigrations: boolean) {}
  logQuery(): void {
    sqlDiagnostics.record();
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.logMigrations) console.log(`[migration] ${message}`);
  }
  log(): void {}
}

/**
 * Names this process's connections, so a lineage change notification can tell its own commits
 * (already applied to the in-memory index in the request) from another instance's.
 */
export const PROCESS_APPLICATION_NAME = `pedigree:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * pg emits 'error' on every connection the server drops, and one that nobody is listening on at
 * that moment takes the process down with it; the crash tests caught a pooled one during a
 * PostgreSQL restart. The pool and the failing query still see the error and discard the
 * connection; this listener only keeps the process alive to reconnect.
 */
class PooledClient extends Client {
  constructor(config?: ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  /** 0 for none (bulk tools). */
  statementTimeoutMs: number;
  /** How long a query waits for a pool connection; 0 waits for ever (bulk tools). */
  acquireTimeoutMs: number;
  logMigrations?: boolean;
}

export function dataSourceOptions(s: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    // Schema changes go only through the hand-written migrations below; never synchronize.
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTransactionMode: 'each',
    // They describe the migrated schema (a test compares them); repositories read and write through them or typed SQL.
    entities: ENTITIES,
    logging: ['query', 'migration'],
    logger: new CountingLogger(s.logMigrations ?? config().logMigrations),
    extra: {
      Client: PooledClient,
      max: s.poolSize,
      statement_timeout: s.statementTimeoutMs,
      // pg-pool applies this both to opening a connection and to waiting for a free one, so a
      // saturated pool answers UNAVAILABLE instead of queueing requests without bound.
      connectionTimeoutMillis: s.acquireTimeoutMs,
      application_name: PROCESS_APPLICATION_NAME,
      // Writes rely on READ COMMITTED (see Db.transaction); fixing it per connection keeps a server
      // default from changing that, and saves a SET TRANSACTION statement in every transaction.
      // JIT is off: the registry's statements are short, and compiling one whose cost estimate
      // crossed the threshold (the cut-off's substitute search) took 0.9 s of a 2 s answer.
      options: '-c default_transaction_isolation=read\\ committed -c jit=off',
    },
  };
}

/** For the tools outside Nest (seed, bench, tests); the registry gets its data source from DatabaseModule. */
export function createDataSource(s: DataSourceSettings): DataSource {
  return newDataSource(dataSourceOptions(s));
}

/**
 * TypeORM's PostgreSQL driver does not list xid8 (PostgreSQL 13+), the type of the change feed's
 * `tx` columns, and refuses an entity column of a type it does not list. It needs nothing else of
 * the type: the schema diff compares its name, and the columns are written only by their default.
 */
export function newDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  const types = dataSource.driver.supportedDataTypes;
  if (!types.includes('xid8' as ColumnType)) types.push('xid8' as ColumnType);
  return dataSource;
}
