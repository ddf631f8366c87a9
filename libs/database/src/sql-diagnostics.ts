import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts SQL statements per request. The count is what proves that resolvers batch through
 * DataLoaders and that rejected requests never reach the database.
 */
export class SqlDiagnostics {
  private readonly scope = new AsyncLocalStorage<{ count: number }>();

  run<T>(fn: () => T): T {
    return this.scope.run({ count: 0 }, fn);
  }

  record(): void {
    const store = this.scope.getStore();
    if (store) store.count++;
  }

  current(): number | null {
    return this.scope.getStore()?.count ?? null;
  }
}

export const sqlDiagnostics = new SqlDiagnostics();
