import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@pedigree/access';
import { AuditModule } from '@pedigree/audit';
import { DatabaseModule, DatabaseModuleOptions } from '@pedigree/database';

/** Just what minting a token needs: no GraphQL, no HTTP, no lineage index to load. */
@Module({})
export class AdminTokenModule {
  static forRoot(database: DatabaseModuleOptions): DynamicModule {
    return { module: AdminTokenModule, imports: [DatabaseModule.forRoot(database), AuditModule, AccessModule] };
  }
}
