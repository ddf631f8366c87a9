import { Injectable, Logger } from '@nestjs/common';
import { envelopeOf, EventNotifications, EventType, OutboxEvent, OutboxRepository } from '@pedigree/outbox';
import { EventFilter } from '../event-filter';
import { EventQueue } from './event-queue';
import { LiveEvent, LiveSubscribers } from './live-subscribers';

export { MAX_SUBSCRIBERS_PER_TOKEN } from './live-subscribers';
export type { LiveEvent } from './live-subscribers';

/** After a lost LISTEN connection, at most this many events are caught up from the outbox. */
const CATCH_UP_LIMIT = 1000;

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
  private readonly subscribers = new LiveSubscribers(() => this.stopListening());
  private unlisten: (() => void) | null = null;
  private reading: Promise<void> = Promise.resolve();
  private lastPosition: string | null = null;

  constructor(
    private readonly notifications: EventNotifications,
    private readonly outbox: OutboxRepository,
  ) {}

  subscribe(holder: string, types: ReadonlySet<EventType>, filter: EventFilter | null): EventQueue<LiveEvent> {
    const queue = this.subscribers.add(holder, types, filter);
    this.unlisten ??= this.notifications.listen({
      committed: (ids) => this.read(() => this.outbox.byIds(ids)),
      reconnected: () => {
        const since = this.lastPosition;
        if (since) this.read(() => this.outbox.after(since, CATCH_UP_LIMIT));
      },
    });
    return queue;
  }

  private stopListening(): void {
    this.unlisten?.();
    this.unlisten = null;
    this.lastPosition = null;
  }

  private read(load: () => Promise<OutboxEvent[]>): void {
    this.reading = this.reading.then(async () => {
      if (!this.subscribers.size) return;
      try {
        const events = await load();
        for (const e of events) if (!this.lastPosition || BigInt(e.id) > BigInt(this.lastPosition)) this.lastPosition = e.id;
        await this.subscribers.dispatch(events.map((e) => ({ position: e.id, envelope: envelopeOf(e) })));
      } catch (e) {
        this.log.warn(`cannot read committed events for live subscribers: ${(e as Error).message}`);
      }
    });
  }
}
