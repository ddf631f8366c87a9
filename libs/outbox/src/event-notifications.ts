import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Db, listenConnection, NotificationListener } from '@pedigree/database';

/** Told about committed events on any instance. */
export interface CommittedEventsListener {
  /** Outbox positions (ids) of events that just committed, in the order one transaction stored them. */
  committed(ids: readonly string[]): void;
  /** The LISTEN connection came back: notifications sent while it was down are lost. */
  reconnected(): void;
}

/**
 * The instance's one LISTEN connection on `pedigree_events`, which the outbox's fan-out trigger
 * notifies with the ids of every committed event (500 to a notification). The webhook worker is
 * woken by it and the `events` subscription reads from it, so an event committed on any instance
 * reaches this one without polling.
 */
@Injectable()
export class EventNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listeners = new Set<CommittedEventsListener>();
  private readonly listener: NotificationListener;
  private started = false;

  constructor(db: Db) {
    this.listener = new NotificationListener(
      {
        label: 'event listener',
        listen: (onNotification) => listenConnection(db, 'pedigree_events', 'pedigree-events', onNotification),
        fallback: 'webhooks are polled and live subscribers miss events',
      },
      {
        notified: (payload) => {
          const ids = payload ? payload.split(',') : [];
          for (const l of this.listeners) l.committed(ids);
        },
        connected: () => {
          // The first connection loses nothing: there was no one listening before it.
          if (!this.started) return void (this.started = true);
          for (const l of this.listeners) l.reconnected();
        },
      },
      'Events',
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.listener.stop();
  }

  /** Returns the unsubscribe. */
  listen(listener: CommittedEventsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
