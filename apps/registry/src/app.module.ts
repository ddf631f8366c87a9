import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AccessModule } from '@pedigree/access';
import { AuditModule } from '@pedigree/audit';
import { OutboxModule } from '@pedigree/outbox';
import { AlertsModule } from '@pedigree/alerts';
import { CatalogModule } from '@pedigree/catalog';
import { DeploymentModule } from '@pedigree/deployment';
import { ExposureModule } from '@pedigree/exposure';
import { PlanModule } from '@pedigree/plan';
import { PolicyModule } from '@pedigree/policy';
import { LineageModule } from '@pedigree/lineage';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { DatabaseModule, DatabaseModuleOptions } from '@pedigree/database';
import { GraphqlOptionsFactory } from './graphql/graphql-options.factory';
import { DemoCatalogSeeder } from './demo/demo-catalog.seeder';
import { DemoCatalogRepository } from './demo/demo-catalog.repository';
import { InputLimitsPipe } from './graphql/input-limits.pipe';
import { GraphqlErrorPassThrough } from './graphql/pass-through.filter';
import { OpsModule } from './ops/ops.module';
import { GraphqlContextModule } from './graphql/graphql-context.module';

@Module({})
export class AppModule {
  static forRoot(database: DatabaseModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        OpsModule,
        DatabaseModule.forRoot(database),
        OutboxModule,
        AuditModule,
        AccessModule,
        LineageModule,
        CatalogModule,
        DeploymentModule,
        ExposureModule,
        PlanModule,
        PolicyModule,
        AlertsModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [GraphqlContextModule],
          useExisting: GraphqlOptionsFactory,
        }),
      ],
      providers: [
        DemoCatalogSeeder,
        DemoCatalogRepository,
        { provide: APP_PIPE, useClass: InputLimitsPipe },
        { provide: APP_FILTER, useClass: GraphqlErrorPassThrough },
      ],
    };
  }
}
