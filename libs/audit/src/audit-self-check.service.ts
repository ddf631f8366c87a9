import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Db } from '@pedigree/database';
import { OutboxRepository } from '@pedigree/outbox';
import { AuditRepository } from './audit.repository';
import { AuditService, VerificationReport } from './audit.service';

/**
 * Verifies the registry's own trail every PEDIGREE_AUDIT_SELF_VERIFY_MS (one instance at a time)
 * and sends `audit.verification.failed` when it does not hold: a rewritten event or a bad signed
 * head should reach the security team without anyone asking. One event per distinct failure, so a
 * broken trail does not page every hour with the same news.
 */
@Injectable()
export class AuditSelfCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AuditSelfCheck');
  private readonly intervalMs = config().auditSelfVerifyMs;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepository,
    private readonly service: AuditService,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.intervalMs || !config().alertsWorker) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.check().finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Verifies now; returns the report, or null when another instance is verifying. */
  async check(): Promise<VerificationReport | null> {
    try {
      return await this.db.transaction(async () => {
        if (!(await this.audit.trySelfCheckLock())) return null;
        const report = await this.service.verify();
        if (!report.ok) {
          const broken = report.firstBrokenLink;
          const key = `audit.verification.failed:${broken ? `seq-${broken.seq}` : ''}:${report.badTreeHeadIds.join(',')}`;
          const subject = { type: 'AUDIT_TRAIL', id: broken ? String(broken.seq) : report.badTreeHeadIds[0] };
          await this.outbox.append([{ type: 'audit.verification.failed', subject, payload: { ...report }, dedupeKey: key }], null);
          this.log.error(
            `audit trail verification failed: ${broken ? `first broken link at seq ${broken.seq}` : `bad tree heads ${report.badTreeHeadIds.join(', ')}`}`,
          );
        }
        return report;
      });
    } catch (e) {
      this.log.error(`audit self-verification could not run: ${(e as Error).message}`);
      return null;
    }
  }
}
