import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Db } from '@pedigree/database';
import { OutboxRepository } from '@pedigree/outbox';
import { WebhookDeliveryRepository } from '../webhooks/webhook-delivery.repository';
import { WebhookDeliveryWorker } from '../webhooks/webhook-delivery.worker';
import { AlertsMaintenanceRepository, DueDigest } from './alerts-maintenance.repository';

const PRUNE_BATCH = 5000;

/**
 * Every PEDIGREE_ALERTS_SWEEP_MS, in one instance at a time (an advisory lock): `waiver.expiring`
 * events (once per waiver), due digests (each one event, delivered only to its subscription), and
 * pruning of old events. Each step is its own transaction, so a failing one does not hold back the others.
 */
@Injectable()
export class AlertsSweepWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Alerts');
  private readonly settings = config();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly repo: AlertsMaintenanceRepository,
    private readonly outbox: OutboxRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly worker: WebhookDeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.alertsWorker) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = null));
    }, this.settings.alertsSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; public for tests and tools. */
  async sweep(): Promise<void> {
    for (const [what, step] of [
      ['waiver warnings', () => this.warnExpiringWaivers()],
      ['digests', () => this.sendDigests()],
      ['pruning', () => this.prune()],
    ] as const) {
      try {
        await this.db.transaction(async () => {
          if (await this.repo.trySweepLock()) await step();
        });
      } catch (e) {
        this.log.error(`alerts sweep (${what}) failed: ${(e as Error).message}`);
      }
    }
  }

  private async warnExpiringWaivers(): Promise<void> {
    const drafts = await this.repo.expiringWaivers(this.settings.waiverExpiringDays);
    if (drafts.length) await this.outbox.append(drafts, null);
  }

  private async sendDigests(): Promise<void> {
    const due = await this.repo.dueDigests();
    for (const d of due) await this.sendDigest(d);
    if (due.length) this.worker.wake();
  }

  private async sendDigest(d: DueDigest): Promise<void> {
    const [violationsOpened, violationsResolved, exposureChanges, expiringWaivers] = await Promise.all([
      this.repo.section('violation.opened', d.from, d.to),
      this.repo.section('violation.resolved', d.from, d.to),
      this.repo.section('exposure.changed', d.from, d.to),
      this.repo.waiversExpiringWithin(this.settings.waiverExpiringDays),
    ]);
    const payload = {
      period: d.period,
      from: d.from.toISOString(),
      to: d.to.toISOString(),
      violationsOpened,
      violationsResolved,
      exposureChanges,
      expiringWaivers,
    };
    const [event] = await this.outbox.append([{ type: 'digest', subject: { type: 'SUBSCRIPTION', id: d.subscriptionId, key: d.name }, payload }], null);
    await this.deliveries.insertFor(d.subscriptionId, event.id);
    await this.repo.markDigestSent(d.subscriptionId, d.to);
  }

  private async prune(): Promise<void> {
    const cutoff = new Date(Date.now() - this.settings.eventRetentionDays * 86_400_000);
    const pruned = await this.deliveries.pruneEvents(cutoff, PRUNE_BATCH);
    if (pruned) this.log.log(`pruned ${pruned} events older than ${this.settings.eventRetentionDays} days`);
  }
}
