import { DomainError, ErrorCode } from '@pedigree/core';
import type { EventEnvelope, EventType } from '@pedigree/outbox';
import type { EventFilter } from '../event-filter';
import { EventQueue, QueueLimits } from './event-queue';

/**
 * A subscriber that has taken nothing for 2 s is ended once 1,000 events wait; one that keeps
 * reading may fall up to 10,000 behind (one import's burst) first.
 */
const QUEUE_LIMITS: QueueLimits = { capacity: 1000, burst: 10_000, stallMs: 2000 };
/** Live subscribers one instance holds; each costs a queue and a filter run per event. */
const MAX_SUBSCRIBERS = 1000;
/** Live subscribers one token may hold on one instance, so one caller cannot take them all. */
export const MAX_SUBSCRIBERS_PER_TOKEN = 50;
/** Events handed to subscribers at a time; between chunks they get the chance to read. */
const DISPATCH_CHUNK = 100;
/** How long one batch of events may wait, in all, for subscribers to read before the rest is pushed. */
const DRAIN_BUDGET_MS = 2000;
/**
 * Only a subscriber that took an event this recently is waited for: one that has stopped must not
 * hold back everyone else's batch; its events wait in its own queue.
 */
const READING_MS = 50;
/** Positions remembered as sent, so a catch-up that overlaps what was notified sends nothing twice. */
const SENT_MEMORY = 10_000;

export interface LiveEvent {
  /** Outbox position. */
  position: string;
  envelope: EventEnvelope;
}

interface Subscriber {
  /** The token (or, with authentication off, the actor) that holds it. */
  holder: string;
  types: ReadonlySet<EventType>;
  filter: EventFilter | null;
  queue: EventQueue<LiveEvent>;
}

/** One instance's live subscribers, with their limits, and the handing out of events to them. */
export class LiveSubscribers {
  private readonly subscribers = new Set<Subscriber>();
  private readonly sent = new Set<string>();

  /** `onEmpty` runs when the last subscriber leaves. */
  constructor(private readonly onEmpty: () => void) {}

  get size(): number {
    return this.subscribers.size;
  }

  add(holder: string, types: ReadonlySet<EventType>, filter: EventFilter | null): EventQueue<LiveEvent> {
    let held = 0;
    for (const s of this.subscribers) if (s.holder === holder) held++;
    if (held >= MAX_SUBSCRIBERS_PER_TOKEN) {
      throw new DomainError(
        ErrorCode.LIMIT_EXCEEDED,
        `This token already holds ${MAX_SUBSCRIBERS_PER_TOKEN} live subscriptions on this instance; close one first, or use one subscription with several types.`,
        undefined,
        { limit: 'liveSubscriptionsPerToken', max: MAX_SUBSCRIBERS_PER_TOKEN },
      );
    }
    if (this.subscribers.size >= MAX_SUBSCRIBERS) {
      throw new DomainError(
        ErrorCode.LIMIT_EXCEEDED,
        `This instance already serves ${MAX_SUBSCRIBERS} live subscriptions; try again later or use a webhook.`,
        undefined,
        {
          limit: 'liveSubscriptions',
        },
      );
    }
    const subscriber: Subscriber = { holder, types, filter, queue: new EventQueue<LiveEvent>(QUEUE_LIMITS, () => this.remove(subscriber)) };
    this.subscribers.add(subscriber);
    return subscriber.queue;
  }

  /**
   * In chunks, letting subscribers read in between: one commit can carry thousands of events (an
   * import), and a client that keeps up must not be ended for it. Only subscribers still reading
   * are waited for, and for at most the budget; a stopped one neither delays the others nor is
   * ended before it has been stopped for 2 s with 1,000 waiting.
   * An event already sent (a catch-up overlapping a notification) is not sent again.
   */
  async dispatch(events: readonly LiveEvent[]): Promise<void> {
    const deadline = Date.now() + DRAIN_BUDGET_MS;
    for (let i = 0; i < events.length; i += DISPATCH_CHUNK) {
      if (i > 0) await this.drained(deadline);
      for (const event of events.slice(i, i + DISPATCH_CHUNK)) this.send(event);
    }
  }

  private send(event: LiveEvent): void {
    if (this.sent.has(event.position)) return;
    this.sent.add(event.position);
    if (this.sent.size > SENT_MEMORY) this.sent.delete(this.sent.values().next().value!);
    for (const s of this.subscribers) if (s.types.has(event.envelope.type) && passes(s.filter, event.envelope)) s.queue.push(event);
  }

  private async drained(deadline: number): Promise<void> {
    const behind = () => [...this.subscribers].some((s) => s.queue.size > DISPATCH_CHUNK && s.queue.idleMs < READING_MS);
    await new Promise((r) => setImmediate(r));
    while (Date.now() < deadline && behind()) await new Promise((r) => setTimeout(r, 5));
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size) return;
    this.sent.clear();
    this.onEmpty();
  }
}

/** A filter that cannot be evaluated on an event drops it, as for webhooks. */
function passes(filter: EventFilter | null, envelope: EventEnvelope): boolean {
  if (!filter) return true;
  const verdict = filter(envelope);
  return !('error' in verdict) && verdict.value === true;
}
