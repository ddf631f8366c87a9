import { Global, Module } from '@nestjs/common';
import { AuditChainer } from './audit-chainer.service';
import { AuditRecorder } from './audit-recorder.service';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { TreeHeadService } from './tree-head.service';

export const AUDIT_RESOLVERS = [AuditResolver];

/** Global: every lib that mutates records through AuditRecorder. */
@Global()
@Module({
  providers: [AuditRepository, AuditRecorder, AuditChainer, TreeHeadService, AuditService, ...AUDIT_RESOLVERS],
  exports: [AuditRecorder, AuditChainer],
})
export class AuditModule {}
