import { Injectable } from '@nestjs/common';
import { config } from '@pedigree/config';
import { requestContext } from '@pedigree/core';
import { EventDraft, OutboxRepository } from '@pedigree/outbox';
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

  constructor(
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** `events` are the alerts this change causes; they are stored beside, and linked to, its audit event. */
  async record(operation: string, input: unknown, touchedIds: readonly string[], events: readonly EventDraft[] = []): Promise<void> {
    if (this.disabled) {
      await this.outbox.append(events, null);
      return;
    }
    const principal = requestContext.principal();
    const auditEventId = await this.audit.append({
      actorTokenId: principal.tokenId,
      actor: principal.actor,
      operation,
      inputDigest: inputDigest(input),
      touchedIds,
    });
    await this.outbox.append(events, auditEventId);
  }

  /**
   * One audit event per entry in one statement, each with its own alerts: a batch registration
   * records what registering each item alone would have, in the same order.
   */
  async recordEach(operation: string, entries: readonly { input: unknown; touchedIds: readonly string[]; events: readonly EventDraft[] }[]): Promise<void> {
    if (this.disabled) {
      await this.outbox.appendLinked(entries.flatMap((e) => e.events.map((draft) => ({ draft, auditEventId: null }))));
      return;
    }
    const principal = requestContext.principal();
    const ids = await this.audit.appendMany(
      entries.map((e) => ({ actorTokenId: principal.tokenId, actor: principal.actor, operation, inputDigest: inputDigest(e.input), touchedIds: e.touchedIds })),
    );
    await this.outbox.appendLinked(entries.flatMap((e, i) => e.events.map((draft) => ({ draft, auditEventId: ids[i] }))));
  }
}
