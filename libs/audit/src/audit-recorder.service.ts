import { Injectable } from '@nestjs/common';
import { config } from '@pedigree/config';
import { requestContext } from '@pedigree/core';
import { inputDigest } from './audit-hash';
import { AuditRepository } from './audit.repository';

/**
 * Appends the audit event of a mutation. Call it inside the mutation's transaction: the event
 * commits with the change or not at all. No lock is taken; chaining happens afterwards.
 */
/** Only for measuring the trail's own cost (npm run bench); never turn it off in a real registry. */
export const auditDisabled = () => !config().audit;

@Injectable()
export class AuditRecorder {
  private readonly disabled = auditDisabled();

  constructor(private readonly audit: AuditRepository) {}

  async record(operation: string, input: unknown, touchedIds: readonly string[]): Promise<void> {
    if (this.disabled) return;
    const principal = requestContext.principal();
    await this.audit.append({
      actorTokenId: principal.tokenId,
      actor: principal.actor,
      operation,
      inputDigest: inputDigest(input),
      touchedIds,
    });
  }
}
