// The audit trail: recording, chaining, signed heads, verification.
export { inputDigest } from './audit-hash';
export { AuditRecorder, auditDisabled } from './audit-recorder.service';
export { AUDIT_RESOLVERS, AuditModule, AuditRecordingModule } from './audit.module';
export { AuditSelfCheck } from './audit-self-check.service';
export { AuditCauseRepository } from './audit-cause.repository';
export type { AuditCause, AuditedClaim } from './audit-cause.repository';
