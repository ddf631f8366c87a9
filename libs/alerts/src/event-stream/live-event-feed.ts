import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pedigree/core';
import { envelopeOf, EventEnvelope, EventNotifications, EventType, OutboxEvent, OutboxRepository } from '@pedigree/outbox';
import { EventFilter } from '../event-filter';
import { EventQueue } from './event-queue';

/** Events a slow subscriber may have waiting before it is ended with LIMIT_EXCEEDED. */
const SUBSCRIBER_CAPACITY = 1000;
/** After a lost LISTEN connection, at most this many events are caught up from the outbox. */
const CATCH_UP_LIMIT = 1000;
/** Live subscribers one instance holds; each costs a queue and a filter run per event. */
const MAX_SUBSCRIBERS = 1000;
/** Live subscribers one token may hold on one instance, so one caller cannot take them all. */
export const MAX_SUBSCRIBERS_PER_TOKEN = 50;

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

/**
 * The instance's live events for `events` subscriptions. Every instance LISTENs (EventNotifications),
 * so a subscriber here sees what any instance committed. Each notification is read from the outbox
 * once for all local subscribers, and only while there are some; reads are chained so subscribers
 * see events in commit order. Live events are at most once: a subscriber that disconnects misses
 * what happens meanwhile (webhooks are the at-least-once channel).
 */
@Injectable()
export class LiveEventFeed {
  private readonly log = new Logger('Events');
  private readonly subscribers = new Set<Subscriber>();
  private unlisten: (() => void) | null = null;
  private reading: Promise<void> = Promise.resolve();
  private lastPosition: string | null = null;

  constructor(
    private readonly notifications: EventNotifications,
    private readonly outbox: OutboxRepository,
  ) {}

  subscribe(holder: string, types: ReadonlySet<EventType>, filter: EventFilter | null): EventQueue<LiveEvent> {
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
    const subscriber: Subscriber = {
      holder,
      types,
      filter,
      queue: new EventQueue<LiveEvent>(SUBSCRIBER_CAPACITY, () => this.remove(subscriber)),
    };
    this.subscribers.add(subscriber);
    this.unlisten ??= this.notifications.listen({
      committed: (ids) => this.read(() => this.outbox.byIds(ids)),
      reconnected: () => {
        const since = this.lastPosition;
        if (since) this.read(() => this.outbox.after(since, CATCH_UP_LIMIT));
      },
    });
    return subscriber.queue;
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size) return;
    this.unlisten?.();
    this.unlisten = null;
    this.lastPosition = null;
  }

  private read(load: () => Promise<OutboxEvent[]>): void {
    this.reading = this.reading.then(async () => {
      if (!this.subscribers.size) return;
      try {
        this.dispatch(await load());
      } catch (e) {
        this.log.warn(`cannot read committed events for live subscribers: ${(e as Error).message}`);
      }
    });
  }

  private dispatch(events: readonly OutboxEvent[]): void {
    for (const event of events) {
      if (!this.lastPosition || BigInt(event.id) > BigInt(this.lastPosition)) this.lastPosition = event.id;
      const live: LiveEvent = { position: event.id, envelope: envelopeOf(event) };
      for (const s of this.subscribers) if (s.types.has(event.type) && passes(s.filter, live.envelope)) s.queue.push(live);
    }
  }
}

/** A filter that cannot be evaluated on an event drops it, as for webhooks. */
function passes(filter: EventFilter | null, envelope: EventEnvelope): boolean {
  if (!filter) return true;
  const verdict = filter(envelope);
  return !('error' in verdict) && verdict.value === true;
}
