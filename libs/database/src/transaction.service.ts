import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Client, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Deadline, requestContext } from '@pedigree/core';
import { toQueryError } from './query-errors';

export type IsolationLevel = 'READ COMMITTED' | 'SERIALIZABLE';

/**
 * Repositories call `db.manager()` and transparently join the caller's transaction, so services
 * decide transaction boundaries without threading an EntityManager through every call.
 */
interface TransactionScope {
  manager: EntityManager;
  afterCommit: (() => void)[];
  savepoints: number;
}

interface Limits {
  statementTimeoutMs: number;
  acquireTimeoutMs: number;
}

export class Db {
  private readonly current = new AsyncLocalStorage<TransactionScope>();
  private readonly limits: Limits;

  constructor(readonly dataSource: DataSource) {
    const extra = (dataSource.options as { extra?: { statement_timeout?: number; connectionTimeoutMillis?: number } }).extra ?? {};
    this.limits = { statementTimeoutMs: extra.statement_timeout ?? 0, acquireTimeoutMs: extra.connectionTimeoutMillis ?? 0 };
  }

  manager(): EntityManager {
    return this.current.getStore()?.manager ?? this.dataSource.manager;
  }

  /**
   * Runs `fn` once the surrounding transaction has committed (at once outside a transaction), so
   * in-process caches learn about a write only when other readers can see it too.
   */
  afterCommit(fn: () => void): void {
    const scope = this.current.getStore();
    if (scope) scope.afterCommit.push(fn);
    else fn();
  }

  /**
   * Every statement of the registry passes here or through `withManager`. Inside a request it
   * honours the request's deadline: it refuses to start after it, and a statement still running
   * at it is cancelled on the server (a protocol cancel request), not merely abandoned by the client.
   */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.withManager((manager) => manager.query(sql, params));
  }

  /**
   * Entity-API work (find, insert, update through `manager`) with the guarantees of `query`: it
   * joins the caller's transaction, honours the request's deadline, and fails with the same
   * domain errors (TIMEOUT, UNAVAILABLE). `db.manager()` alone would skip the last two.
   */
  async withManager<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const deadline = requestContext.deadline();
    try {
      if (!deadline) return await work(this.manager());
      deadline.check();
      const scope = this.current.getStore();
      if (scope) return await this.tracked(scope.manager.queryRunner!, () => work(scope.manager), deadline);
      const runner = this.dataSource.createQueryRunner();
      try {
        return await this.tracked(runner, () => work(runner.manager), deadline);
      } finally {
        await runner.release();
      }
    } catch (error) {
      throw toQueryError(error, deadline, this.limits);
    }
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | null> {
    const rows = await this.query<T>(sql, params);
    return rows[0] ?? null;
  }

  /**
   * `query` as a named prepared statement, for fixed statements on hot paths: each connection
   * parses it once, and after a few runs PostgreSQL reuses a generic plan instead of planning every
   * call, which for the wider joins and recursive walks costs more than running them. Only for SQL
   * whose text is constant: every distinct text stays prepared on every pooled connection.
   */
  async prepared<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const statement = { name: preparedName(sql), text: sql } as unknown as string;
    return this.withManager((manager) => manager.query(statement, params));
  }

  async preparedOne<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | null> {
    return (await this.prepared<T>(sql, params))[0] ?? null;
  }

  /**
   * READ COMMITTED is deliberate: with a transaction-level advisory lock, each later statement
   * sees rows committed by whoever held the lock before us. REPEATABLE READ would not.
   */
  async transaction<T>(work: () => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    if (this.current.getStore()) return work();
    const callbacks: (() => void)[] = [];
    const run = (manager: EntityManager) => this.current.run({ manager, afterCommit: callbacks, savepoints: 0 }, work);
    const deadline = requestContext.deadline();
    let result: T;
    try {
      deadline?.check();
      // Connections default to READ COMMITTED (data-source.factory), so only other levels need a SET.
      result = await (isolation === 'READ COMMITTED' ? this.dataSource.transaction(run) : this.dataSource.transaction(isolation, run));
    } catch (error) {
      throw toQueryError(error, deadline, this.limits);
    }
    for (const fn of callbacks) fn();
    return result;
  }

  /**
   * Runs `work` in a savepoint of the surrounding transaction: if it throws, what it wrote and the
   * after-commit callbacks it queued are undone, and the transaction goes on, so a batch can try
   * every item and report each one before deciding to commit.
   */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const scope = this.current.getStore();
    if (!scope) throw new Error('Db.savepoint() needs a surrounding Db.transaction()');
    const name = `item_${++scope.savepoints}`;
    const queued = scope.afterCommit.length;
    await this.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await this.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.query(`ROLLBACK TO SAVEPOINT ${name}`);
      scope.afterCommit.length = queued;
      throw error;
    }
  }

  private async tracked<T>(runner: QueryRunner, work: () => Promise<T>, deadline: Deadline): Promise<T> {
    const connection = (await runner.connect()) as PoolClient;
    const stop = deadline.onExpire(() => cancelRunning(connection));
    try {
      return await work();
    } finally {
      stop();
    }
  }
}

const preparedNames = new Map<string, string>();
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) preparedNames.set(sql, (name = `pdg_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return name;
}

/** A PostgreSQL cancel request for whatever the connection is running; sent on a new socket. */
function cancelRunning(connection: PoolClient): void {
  const active = (connection as unknown as { activeQuery?: unknown }).activeQuery;
  if (!active) return;
  const { host, port } = connection as unknown as { host: string; port: number };
  const canceller = new Client({ host, port }) as unknown as {
    cancel(target: unknown, query: unknown): void;
    connection: { on(e: string, f: () => void): void };
  };
  canceller.connection.on('error', () => undefined);
  canceller.cancel(connection, active);
}
