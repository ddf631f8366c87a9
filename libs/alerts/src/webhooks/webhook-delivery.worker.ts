import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Db } from '@pedigree/database';
import { envelopeOf, OutboxEvent, OutboxRepository } from '@pedigree/outbox';
import { compileEventFilter, EventFilter } from '../event-filter';
import { allowList } from './webhook-address';
import { AttemptOutcome, ClaimedDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { postWebhook } from './webhook-sender';
import { signedHeaders } from './webhook-signature';
import { SigningSubscription, WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { resolveTarget, WebhookTargetError } from './webhook-url';
import { retryDelayMs, RetrySchedule } from './retry-schedule';

/** Attempt outcomes since start, by outcome, for /metrics. */
export type AttemptCounts = Record<AttemptOutcome['outcome'] | 'FILTERED', number>;

/**
 * Sends due deliveries, at most PEDIGREE_WEBHOOK_CONCURRENCY at once. A committed event wakes it
 * (`wake`, from the instance's LISTEN connection); otherwise it looks every PEDIGREE_WEBHOOK_POLL_MS.
 * Each attempt is leased in the database before it is sent and recorded after, so a crash loses
 * nothing: the lease runs out and some instance sends it again (at least once; receivers
 * deduplicate by `webhook-id`).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Webhooks');
  private readonly settings = config();
  private readonly allowed = allowList(this.settings.webhookAllowHosts);
  private readonly schedule: RetrySchedule = {
    maxAttempts: this.settings.webhookMaxAttempts,
    baseMs: this.settings.webhookBackoffBaseMs,
    maxMs: this.settings.webhookBackoffMaxMs,
  };
  private readonly leaseMs = this.settings.webhookTimeoutMs + 30_000;
  private readonly filters = new Map<string, EventFilter>();
  private running = false;
  private inFlight = 0;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  readonly counts: AttemptCounts = { DELIVERED: 0, FAILED: 0, GONE: 0, REFUSED: 0, FILTERED: 0 };

  constructor(
    private readonly db: Db,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.alertsWorker) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Something may be due now (an event committed, a delivery was replayed). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.settings.webhookConcurrency - this.inFlight;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        this.woken = false;
        try {
          claimed = await this.deliveries.claim(free, this.leaseMs);
          if (claimed.length) this.start(claimed);
        } catch (e) {
          this.log.error(`cannot claim deliveries: ${(e as Error).message}`);
        }
      }
      // A full batch may have more behind it; otherwise wait for a wake-up, a finished send or the poll.
      if (claimed.length && claimed.length === free) continue;
      if (!this.woken) await this.pause(this.settings.webhookPollMs);
    }
    while (this.inFlight > 0) await this.pause(50);
  }

  private start(claimed: ClaimedDelivery[]): void {
    this.inFlight += claimed.length;
    void this.sendAll(claimed).finally(() => undefined);
  }

  private async sendAll(claimed: ClaimedDelivery[]): Promise<void> {
    let events: Map<string, OutboxEvent>;
    let subs: Map<string, SigningSubscription>;
    try {
      const [e, s] = await Promise.all([
        this.outbox.byIds([...new Set(claimed.map((c) => c.eventId))]),
        this.subscriptions.signing([...new Set(claimed.map((c) => c.subscriptionId))]),
      ]);
      events = new Map(e.map((x) => [x.id, x]));
      subs = new Map(s.map((x) => [x.id, x]));
    } catch (e) {
      // The leases run out and the deliveries are claimed again.
      this.log.error(`cannot load claimed deliveries: ${(e as Error).message}`);
      this.inFlight -= claimed.length;
      return;
    }
    await Promise.all(
      claimed.map(async (c) => {
        try {
          await this.deliver(c, events.get(c.eventId)!, subs.get(c.subscriptionId)!);
        } catch (e) {
          this.log.error(`delivery ${c.id}: ${(e as Error).message}`);
        } finally {
          this.inFlight--;
          this.wake();
        }
      }),
    );
  }

  private async deliver(c: ClaimedDelivery, event: OutboxEvent, sub: SigningSubscription): Promise<void> {
    const envelope = envelopeOf(event);
    if (sub.filter && event.type !== 'digest') {
      const verdict = this.filterOf(sub.filter)(envelope);
      if ('error' in verdict || !verdict.value) {
        await this.deliveries.markFiltered(c.id, 'error' in verdict ? `filter could not be evaluated: ${verdict.error}` : null);
        this.counts.FILTERED++;
        return;
      }
    }
    const outcome = await this.attempt(c, envelope, sub);
    await this.db.transaction(async () => {
      await this.deliveries.recordAttempt(outcome);
      if (outcome.outcome === 'GONE') await this.subscriptions.disable(sub.id, `the receiver answered 410 Gone on ${new Date().toISOString()}`);
    });
    this.counts[outcome.outcome]++;
  }

  private async attempt(c: ClaimedDelivery, envelope: ReturnType<typeof envelopeOf>, sub: SigningSubscription): Promise<AttemptOutcome> {
    const base = { deliveryId: c.id, attempt: c.attempt };
    const retry = () => retryDelayMs(c.attempt, this.schedule);
    let target;
    try {
      target = await resolveTarget(new URL(sub.url), this.allowed);
    } catch (e) {
      if (!(e instanceof WebhookTargetError)) throw e;
      return { ...base, statusCode: null, latencyMs: 0, outcome: 'REFUSED', error: e.message, retryInMs: retry() };
    }
    const body = JSON.stringify(envelope);
    const result = await postWebhook(target, signedHeaders(envelope.id, new Date(), body, sub.secrets), body, this.settings.webhookTimeoutMs);
    const code = result.statusCode;
    if (code !== null && code >= 200 && code < 300) return { ...base, ...result, outcome: 'DELIVERED', retryInMs: null };
    if (code === 410) return { ...base, ...result, outcome: 'GONE', error: result.error ?? 'receiver answered 410 Gone', retryInMs: null };
    return { ...base, ...result, outcome: 'FAILED', error: result.error ?? `receiver answered ${code}`, retryInMs: retry() };
  }

  private filterOf(source: string): EventFilter {
    let f = this.filters.get(source);
    if (!f) {
      f = compileEventFilter(source, 'filter');
      if (this.filters.size > 1000) this.filters.clear();
      this.filters.set(source, f);
    }
    return f;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
