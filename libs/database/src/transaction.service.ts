import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

export type IsolationLevel = 'READ COMMITTED' | 'SERIALIZABLE';

/**
 * Repositories call `db.manager()` and transparently join the caller's transaction, so services
 * decide transaction boundaries without threading an EntityManager through every call.
 */
interface TransactionScope {
  manager: EntityManager;
  afterCommit: (() => void)[];
}

export class Db {
  private readonly current = new AsyncLocalStorage<TransactionScope>();

  constructor(readonly dataSource: DataSource) {}

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

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager().query(sql, params);
  }

  async one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T | null> {
    const rows = await this.query<T>(sql, params);
    return rows[0] ?? null;
  }

  /** Held until the surrounding transaction ends. */
  async advisoryXactLock(key: number): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock($1)`, [key]);
  }

  /**
   * READ COMMITTED is deliberate: with a transaction-level advisory lock, each later statement
   * sees rows committed by whoever held the lock before us. REPEATABLE READ would not.
   */
  async transaction<T>(work: () => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    if (this.current.getStore()) return work();
    const callbacks: (() => void)[] = [];
    const run = (manager: EntityManager) => this.current.run({ manager, afterCommit: callbacks }, work);
    // Connections default to READ COMMITTED (data-source.factory), so only other levels need a SET.
    const result = await (isolation === 'READ COMMITTED' ? this.dataSource.transaction(run) : this.dataSource.transaction(isolation, run));
    for (const fn of callbacks) fn();
    return result;
  }
}
