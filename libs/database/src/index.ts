export * from './database.config';
export * from './database.module';
export * from './database-bootstrap';
export * from './embedded-postgres';
export * from './data-source.factory';
export * from './sql-diagnostics';
export * from './transaction.service';
