import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@pedigree/access';
import { AuditRecordingModule } from '@pedigree/audit';
import { DatabaseModule, DatabaseModuleOptions } from '@pedigree/database';

/**
 * Just what minting a token needs: no GraphQL, no HTTP, no lineage index, no signing key, and no
 * migrations (it may run beside a live server of another version; a pending migration is refused).
 */
@Module({})
export class AdminTokenModule {
  static forRoot(database: DatabaseModuleOptions): DynamicModule {
    return { module: AdminTokenModule, imports: [DatabaseModule.forRoot({ ...database, runMigrations: false }), AuditRecordingModule, AccessModule] };
  }
}
