import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { dataSourceOptions, DataSourceSettings, newDataSource } from './data-source.factory';
import { Db } from './transaction.service';

export type DatabaseModuleOptions = DataSourceSettings & {
  /** false for tools that must never change the schema under a running server (admin-token). */
  runMigrations?: boolean;
};

/**
 * The registry's data source, through @nestjs/typeorm (which also destroys it at application
 * shutdown, after the modules that use it have stopped), and the `Db` every repository injects.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: (): TypeOrmModuleOptions => ({
            ...dataSourceOptions(options),
            // Migrations run inside initialize(), before anything serves traffic; each in its own
            // transaction (migrationsTransactionMode). synchronize stays false.
            migrationsRun: options.runMigrations ?? true,
            // A start that fails (database unreachable, a migration refused) fails at once, as it
            // did before: retrying would repeat a failed migration and delay the error by 30 s.
            toRetry: () => false,
          }),
          dataSourceFactory: async (o) => newDataSource(o as DataSourceOptions),
        }),
      ],
      providers: [{ provide: Db, useFactory: (ds: DataSource) => new Db(ds), inject: [DataSource] }],
      exports: [Db],
    };
  }
}
