// The data source, embedded PostgreSQL, transactions and SQL counting.
export { readDatabaseConfig } from './database.config';
export { DatabaseModule } from './database.module';
export type { DatabaseModuleOptions } from './database.module';
export { attachDatabase, resolveDatabase } from './database-bootstrap';
export type { ResolvedDatabase } from './database-bootstrap';
export { PROCESS_APPLICATION_NAME, createDataSource } from './data-source.factory';
export { selectList } from './select-list';
export type { JoinedColumns } from './select-list';
export { sqlDiagnostics } from './sql-diagnostics';
export { Db } from './transaction.service';
export { isTransientDatabaseFailure } from './query-errors';
export { reconnectDelayMs } from './reconnect-backoff';
export { dedicatedConnection, listenConnection } from './listen-connection';
export { NotificationListener } from './notification-listener';
export type { ListenerEvents, ListenerOptions } from './notification-listener';
