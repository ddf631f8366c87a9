import { Global, Module } from '@nestjs/common';
import { OutboxModule } from '@pedigree/outbox';
import { AuditCauseRepository } from './audit-cause.repository';
import { AuditChainer } from './audit-chainer.service';
import { AuditRecorder } from './audit-recorder.service';
import { AuditSelfCheck } from './audit-self-check.service';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { TreeHeadService } from './tree-head.service';

export const AUDIT_RESOLVERS = [AuditResolver];

/** Global: every lib that mutates records through AuditRecorder. */
@Global()
@Module({
  imports: [OutboxModule],
  providers: [AuditRepository, AuditCauseRepository, AuditRecorder, AuditChainer, TreeHeadService, AuditService, AuditSelfCheck, ...AUDIT_RESOLVERS],
  exports: [AuditRecorder, AuditChainer, AuditSelfCheck, AuditCauseRepository],
})
export class AuditModule {}

/**
 * Only the recorder, for tools beside a running registry (admin-token): its events are chained by
 * the server's chainer, and no signing key is read or generated on the operator's host.
 */
@Global()
@Module({ imports: [OutboxModule], providers: [AuditRepository, AuditRecorder], exports: [AuditRecorder] })
export class AuditRecordingModule {}
