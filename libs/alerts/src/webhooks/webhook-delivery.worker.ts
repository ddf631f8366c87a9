import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Db } from '@pedigree/database';
import { envelopeOf, EventNotifications } from '@pedigree/outbox';
import { compileEventFilter, EventFilter } from '../event-filter';
import { retryDelayMs, RetrySchedule } from './retry-schedule';
import { allowList } from './webhook-address';
import { AttemptOutcome, ClaimedDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { postWebhook } from './webhook-sender';
import { signedHeaders } from './webhook-signature';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { resolveTarget, WebhookTargetError } from './webhook-url';

/** Attempt outcomes since start, by outcome, for /metrics. */
export type AttemptCounts = Record<AttemptOutcome['outcome'], number>;

/** Outcomes are written together: one statement for every attempt that finished within this window. */
const RECORD_EVERY_MS = 20;
/** After a notification, wait this long for more before claiming, so a burst is one claim. */
const GATHER_MS = 10;

/**
 * Sends due deliveries, at most PEDIGREE_WEBHOOK_CONCURRENCY at once. A committed event wakes it
 * (`wake`, from the instance's LISTEN connection); otherwise it looks every PEDIGREE_WEBHOOK_POLL_MS.
 * Each attempt is leased in the database before it is sent and recorded after, so a crash loses
 * nothing: the lease runs out and some instance sends it again (at least once; receivers
 * deduplicate by `webhook-id`). Claims and records are batched: at hundreds of deliveries a second
 * a statement per delivery would cost more than the sending.
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
  private readonly agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  private readonly filters = new Map<string, EventFilter>();
  private running = false;
  private inFlight = 0;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private outcomes: AttemptOutcome[] = [];
  /** Deliveries answered 410, by delivery id: their subscriptions are disabled with the record. */
  private readonly gone = new Map<string, string>();
  private recordTimer: NodeJS.Timeout | null = null;
  private recording: Promise<void> = Promise.resolve();
  readonly counts: AttemptCounts = { DELIVERED: 0, FAILED: 0, GONE: 0, REFUSED: 0, FILTERED: 0 };

  constructor(
    private readonly db: Db,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly notifications: EventNotifications,
  ) {}

  private unlisten: (() => void) | null = null;

  onApplicationBootstrap(): void {
    if (!this.settings.alertsWorker) return;
    this.running = true;
    // Any instance's commit may have queued deliveries; the poll remains for retries coming due.
    this.unlisten = this.notifications.listen({ committed: () => this.wake(), reconnected: () => this.wake() });
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unlisten?.();
    this.running = false;
    this.wake();
    await this.loop;
    await this.flush();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** Something may be due now (an event committed, a delivery was replayed). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.settings.webhookConcurrency - this.inFlight;
      let claimed = 0;
      if (free > 0) {
        this.woken = false;
        try {
          const batch = await this.deliveries.claim(free, this.leaseMs);
          claimed = batch.length;
          for (const c of batch) this.start(c);
        } catch (e) {
          this.log.error(`cannot claim deliveries: ${(e as Error).message}`);
        }
      }
      // A full batch may have more behind it; otherwise wait for a wake-up, a free slot or the poll.
      if (claimed && claimed === free) continue;
      if (!this.woken) await this.pause(this.settings.webhookPollMs);
      if (this.running) await sleep(GATHER_MS);
    }
    while (this.inFlight > 0) await sleep(20);
  }

  private start(c: ClaimedDelivery): void {
    this.inFlight++;
    void this.deliver(c)
      .then((outcome) => this.collect(outcome))
      .catch((e) => this.log.error(`delivery ${c.id}: ${(e as Error).message}`))
      .finally(() => {
        this.inFlight--;
        this.wake();
      });
  }

  private async deliver(c: ClaimedDelivery): Promise<AttemptOutcome> {
    const attemptedAt = new Date();
    const base = { deliveryId: c.id, attempt: c.attempt, attemptedAt };
    const envelope = envelopeOf(c.event);
    if (c.filter && c.event.type !== 'digest') {
      const verdict = this.filterOf(c.filter)(envelope);
      if ('error' in verdict || !verdict.value) {
        const note = 'error' in verdict ? `filter could not be evaluated: ${verdict.error}` : null;
        return { ...base, statusCode: null, latencyMs: 0, outcome: 'FILTERED', error: note, retryInMs: null };
      }
    }
    const retry = () => retryDelayMs(c.attempt, this.schedule);
    let target;
    try {
      target = await resolveTarget(new URL(c.url), this.allowed);
    } catch (e) {
      if (!(e instanceof WebhookTargetError)) throw e;
      return { ...base, statusCode: null, latencyMs: 0, outcome: 'REFUSED', error: e.message, retryInMs: retry() };
    }
    const body = JSON.stringify(envelope);
    const agent = target.url.protocol === 'https:' ? this.agents.https : this.agents.http;
    const result = await postWebhook(target, signedHeaders(envelope.id, attemptedAt, body, c.secrets), body, this.settings.webhookTimeoutMs, agent);
    const code = result.statusCode;
    if (code !== null && code >= 200 && code < 300) return { ...base, ...result, outcome: 'DELIVERED', retryInMs: null };
    if (code === 410) {
      this.gone.set(c.id, c.subscriptionId);
      return { ...base, ...result, outcome: 'GONE', error: result.error ?? 'receiver answered 410 Gone', retryInMs: null };
    }
    return { ...base, ...result, outcome: 'FAILED', error: result.error ?? `receiver answered ${code}`, retryInMs: retry() };
  }

  private collect(outcome: AttemptOutcome): void {
    this.counts[outcome.outcome]++;
    this.outcomes.push(outcome);
    this.recordTimer ??= setTimeout(() => void this.flush(), RECORD_EVERY_MS);
  }

  /** Writes what finished; on failure the leases run out and those deliveries are sent again. */
  private flush(): Promise<void> {
    if (this.recordTimer) clearTimeout(this.recordTimer);
    this.recordTimer = null;
    const batch = this.outcomes;
    this.outcomes = [];
    this.recording = this.recording.then(async () => {
      try {
        await this.db.transaction(async () => {
          await this.deliveries.record(batch);
          for (const o of batch) {
            const subscriptionId = this.gone.get(o.deliveryId);
            if (!subscriptionId) continue;
            this.gone.delete(o.deliveryId);
            await this.subscriptions.disable(subscriptionId, `the receiver answered 410 Gone on ${o.attemptedAt.toISOString()}`);
          }
        });
      } catch (e) {
        this.log.error(`cannot record ${batch.length} delivery attempts (they will be sent again): ${(e as Error).message}`);
      }
    });
    return this.recording;
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
