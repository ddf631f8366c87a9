import { Logger } from '@nestjs/common';
import type { Client } from 'pg';
import { reconnectDelayMs } from './reconnect-backoff';

export interface ListenerEvents {
  /** A NOTIFY arrived; its payload is the writer's application_name. */
  notified(payload: string | undefined): void;
  /** (Re)connected. Notifications sent while it was down are lost, so the owner should catch up. */
  connected(): void;
}

export interface ListenerOptions {
  /** Names the listener in its log lines ("lineage change listener"). */
  label: string;
  /** Opens a dedicated connection that is already LISTENing and delivers payloads to `events.notified`. */
  listen(onNotification: (payload: string | undefined) => void): Promise<Client>;
  /** What the owner does meanwhile, for the log ("polling every 500 ms"). */
  fallback: string;
}

/**
 * A LISTEN connection (the lineage index's, the event outbox's). It reconnects with capped, jittered
 * exponential backoff for as long as the process runs, so an outage of any length ends with
 * NOTIFY working again instead of the process living on the poll alone. It logs each change of
 * state once, never each attempt: an outage of an hour is two lines, not ten thousand.
 */
export class NotificationListener {
  private readonly log: Logger;
  private client: Client | null = null;
  private attempts = 0;
  private stopped = false;
  private running: Promise<void> | null = null;
  private cancelPause: (() => void) | null = null;

  constructor(
    private readonly options: ListenerOptions,
    private readonly events: ListenerEvents,
    logContext: string,
  ) {
    this.log = new Logger(logContext);
  }

  /** The live LISTEN connection, which the poll reuses; null while it is down. */
  get connection(): Client | null {
    return this.client;
  }

  get reconnectAttempts(): number {
    return this.attempts;
  }

  /** Resolves after the first attempt, connected or not; the retries go on in the background. */
  start(): Promise<void> {
    return new Promise((firstAttemptDone) => {
      this.running = this.run(firstAttemptDone);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelPause?.();
    await this.client?.end().catch(() => undefined);
    await this.running;
  }

  private async run(firstAttemptDone: () => void): Promise<void> {
    let failures = 0;
    let downSince: number | null = null;
    for (let first = true; !this.stopped; first = false) {
      if (!first) this.attempts++;
      try {
        const client = await this.options.listen((payload) => this.events.notified(payload));
        if (this.stopped) {
          await client.end().catch(() => undefined);
          break;
        }
        const lost = connectionLost(client);
        this.client = client;
        if (downSince !== null) {
          this.log.log(`${this.options.label} reconnected after ${((Date.now() - downSince) / 1000).toFixed(1)} s (${failures + 1} attempts)`);
        }
        failures = 0;
        downSince = null;
        firstAttemptDone();
        this.events.connected();
        const reason = await lost;
        this.client = null;
        // Never awaited: on a broken socket `end` has nothing left to wait for.
        void client.end().catch(() => undefined);
        if (this.stopped) break;
        downSince = Date.now();
        this.log.warn(`${this.options.label} lost (${reason}); ${this.options.fallback} and reconnecting with backoff`);
      } catch (err) {
        if (downSince === null) {
          downSince = Date.now();
          this.log.warn(`${this.options.label} cannot LISTEN (${(err as Error).message}); ${this.options.fallback} and retrying with backoff`);
        }
        failures++;
        firstAttemptDone();
      }
      await this.pause(reconnectDelayMs(failures));
    }
    firstAttemptDone();
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.cancelPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** The first error or end of the connection; the error listener stays, so a later error is not fatal. */
function connectionLost(client: Client): Promise<string> {
  return new Promise((resolve) => {
    client.on('error', (err) => resolve(err.message));
    client.once('end', () => resolve('connection closed'));
  });
}
