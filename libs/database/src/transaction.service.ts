import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

export type IsolationLevel = 'READ COMMITTED' | 'SERIALIZABLE';

/**
 * Repositories call `db.manager()` and transparently join the caller's transaction, so services
 * decide transaction boundaries without threading an EntityManager through every call.
 */
export class Db {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
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
  transaction<T>(work: () => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    const existing = this.current.getStore();
    if (existing) return work();
    return this.dataSource.transaction(isolation, (manager) => this.current.run(manager, work));
  }
}
