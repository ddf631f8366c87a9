import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, DataSourceSettings } from './data-source.factory';
import { Db } from './transaction.service';

export type DatabaseModuleOptions = DataSourceSettings;

@Injectable()
class DataSourceLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const ds = createDataSource(options);
            await ds.initialize();
            // Migrations run before anything serves traffic; each in its own transaction.
            await ds.runMigrations({ transaction: 'each' });
            return ds;
          },
        },
        { provide: Db, useFactory: (ds: DataSource) => new Db(ds), inject: [DataSource] },
        DataSourceLifecycle,
      ],
      exports: [DataSource, Db],
    };
  }
}
