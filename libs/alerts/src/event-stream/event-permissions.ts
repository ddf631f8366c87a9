import { can, DomainError, ErrorCode, invalidInput, Permission, Role } from '@pedigree/core';
import type { EventType } from '@pedigree/outbox';

/**
 * What reading each event type over the live stream takes: the permission of the query that would
 * show the same fact. Registration and lineage are catalog facts; exposure, violations, waivers and
 * the audit trail are AUDIT_READ, as `exposure`, `violations` and `auditEvents` are.
 */
// Typed against EventType, so a new type fails to compile until it is given a permission here.
const READ_PERMISSION: Record<Exclude<EventType, 'digest'>, Permission> = {
  'checkpoint.registered': Permission.CATALOG_READ,
  'model.registered': Permission.CATALOG_READ,
  'lineage.asserted': Permission.CATALOG_READ,
  'lineage.retracted': Permission.CATALOG_READ,
  'exposure.changed': Permission.AUDIT_READ,
  'violation.opened': Permission.AUDIT_READ,
  'violation.waived': Permission.AUDIT_READ,
  'violation.resolved': Permission.AUDIT_READ,
  'waiver.expiring': Permission.AUDIT_READ,
  'audit.head.signed': Permission.AUDIT_READ,
  'audit.verification.failed': Permission.AUDIT_READ,
};

/** Every type but `digest`, which is one subscription's summary and only ever sent to it. */
export const STREAMED_TYPES = Object.keys(READ_PERMISSION) as Exclude<EventType, 'digest'>[];

/**
 * The types a subscriber gets: the ones asked for, or every type the role may read when none are.
 * Asking for one the role may not read is FORBIDDEN, naming it, rather than a stream that stays quiet.
 */
export function streamedTypes(role: Role, requested: readonly EventType[] | null, field: string): Set<EventType> {
  if (!requested) return new Set(STREAMED_TYPES.filter((t) => can(role, READ_PERMISSION[t])));
  requested.forEach((t, i) => {
    if (t === 'digest') throw invalidInput(`${field}[${i}]`, 'digest events are sent only to their webhook subscription', 'any other event type');
    const needed = READ_PERMISSION[t];
    if (!can(role, needed)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `${field}[${i}]: ${t} events need ${needed}; a ${role} token does not have it.`, undefined, {
        required: needed,
        role,
      });
    }
  });
  return new Set(requested);
}
