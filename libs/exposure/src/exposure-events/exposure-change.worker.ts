import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Direction } from '@pedigree/core';
import { Db, isTransientDatabaseFailure, reconnectDelayMs } from '@pedigree/database';
import { LINEAGE_FEED_STATUS, LINEAGE_GRAPH, LineageFeedStatusSource, LineageGraph, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { EventDraft, OutboxRepository } from '@pedigree/outbox';
import { ExposureChangeRepository, QueuedTransaction } from './exposure-change.repository';
import { ExposureCause, ExposureChangeService } from './exposure-change.service';

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Subjects per ancestry load; between batches the worker yields, so a base with 400k descendants never holds the event loop. */
const SLICE = 200;

/** Attempts at one transaction's changes before they are dead-lettered. */
const MAX_ATTEMPTS = 5;

/** Thrown between batches at shutdown: the change's transaction rolls back and it stays queued for the next start. */
class Stopping extends Error {}

/** The index could not catch up with the change feed: the instance's trouble, not the transaction's. */
class CatchUpFailed extends Error {}

/**
 * Turns queued lineage changes into `exposure.changed` events, one writing transaction at a time
 * (its changes judged together). For each: the nodes its edges hang under, then, below those whose
 * sets changed, every node and every deployment running one of them, each compared before and
 * after the changes. The events are appended in the transaction that deletes the changes, so each
 * change's events exist exactly once, whichever instance ran it.
 *
 * Descendants are skipped below a node that keeps its sets: whatever a descendant gains or loses
 * through the edges it reaches through such nodes, so it cannot change either (property tests in
 * rules/exposure-change.spec.ts check this on random graphs). A redundant edge under a popular base
 * then costs one ancestry load, not one per descendant.
 */
@Injectable()
export class ExposureChangeWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ExposureEvents');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** The transaction whose changes are being worked on, to count a failure against. */
  private current: string | null = null;
  /** Transient failures in a row, and no draining before `resumeAt` (ms since epoch). */
  private transientFailures = 0;
  private resumeAt = 0;

  constructor(
    private readonly db: Db,
    private readonly queue: ExposureChangeRepository,
    private readonly events: ExposureChangeService,
    private readonly outbox: OutboxRepository,
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    @Inject(LINEAGE_FEED_STATUS) private readonly feed: LineageFeedStatusSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!config().alertsWorker) return;
    this.timer = setInterval(() => void this.drain(), config().exposureWorkerPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Works until the queue is empty; never throws (a failure is logged, and the change retried next tick). */
  drain(): Promise<void> {
    if (Date.now() < this.resumeAt) return this.running ?? Promise.resolve();
    this.running ??= (async () => {
      try {
        while (!this.stopped && (await this.processOne())) {
          // Committed: a later failure (say, of the next claim) is not this transaction's.
          this.current = null;
          this.transientFailures = 0;
          await yieldToRequests();
        }
        this.transientFailures = 0;
      } catch (e) {
        if (e instanceof Stopping) return;
        if (e instanceof CatchUpFailed || isTransientDatabaseFailure(e)) this.backOff(e);
        else await this.failed(e);
      }
    })().finally(() => (this.running = null));
    return this.running;
  }

  private processOne(): Promise<boolean> {
    return this.db.transaction(async () => {
      const group = await this.queue.claim();
      this.current = group?.tx ?? null;
      if (!group) return false;
      // The changes committed before they could be claimed; the index must hold them before walking.
      await this.feed.catchUp().catch((e: Error) => {
        throw new CatchUpFailed(`the lineage index could not catch up: ${e.message}`, { cause: e });
      });
      const causes = await this.events.causesOf(group);
      const roots = [...new Set(group.changes.map((c) => c.edge.derivedId))];
      // In slices too: one statement can queue thousands of edges under as many nodes.
      const changed: string[] = [];
      let emitted = 0;
      for (let i = 0; i < roots.length; i += SLICE) {
        const own = await this.events.forNodes(group, causes, roots.slice(i, i + SLICE));
        emitted += await this.append(own, group);
        changed.push(...own.map((d) => d.subject.id));
      }
      if (changed.length) emitted += await this.below(group, causes, changed, new Set(roots));
      this.log.log(`transaction ${group.tx}: ${group.changes.length} edge change(s), ${emitted} exposure.changed events`);
      return true;
    });
  }

  /** Everything below the changed nodes, and the deployments running them or any of those. */
  private async below(group: QueuedTransaction, causes: readonly ExposureCause[], changed: readonly string[], roots: ReadonlySet<string>): Promise<number> {
    const walk = await this.graph.walkColumns(changed, Direction.DESCENDANTS, { maxDepth: MAX_WALK_DEPTH, relations: [], includeRetracted: false });
    if (walk.truncated) {
      this.log.warn(
        `transaction ${group.tx}: descendants deeper than ${MAX_WALK_DEPTH} levels below nodes ${changed.join(', ')} get no exposure.changed event`,
      );
    }
    // Every root was judged already, changed or not.
    const descendants = [...new Set(Array.from(walk.nodeIds, String))].filter((id) => !roots.has(id));
    let emitted = 0;
    for (let i = 0; i < descendants.length; i += SLICE) {
      emitted += await this.append(await this.events.forNodes(group, causes, descendants.slice(i, i + SLICE)), group);
    }
    const running = [...changed, ...descendants];
    for (let i = 0; i < running.length; i += SLICE) {
      emitted += await this.append(await this.events.forDeploymentsOn(group, causes, running.slice(i, i + SLICE)), group);
    }
    return emitted;
  }

  /**
   * A database outage or a catch-up failure would fail any transaction alike: counting it would
   * dead-letter healthy ones. The worker pauses instead, doubling up to 30 s, and retries the same.
   */
  private backOff(e: unknown): void {
    const pause = reconnectDelayMs(this.transientFailures++);
    this.resumeAt = Date.now() + pause;
    this.current = null;
    this.log.warn(`exposure events paused for ${pause} ms after a transient failure (not counted against any transaction): ${(e as Error).message}`);
  }

  /** Counted against the transaction it was working on, so one that keeps failing stops holding back the rest. */
  private async failed(e: unknown): Promise<void> {
    const detail = (e as Error).stack ?? String(e);
    const tx = this.current;
    this.current = null;
    if (!tx) return this.log.error(`exposure events failed, retrying: ${detail}`);
    try {
      const dead = await this.queue.failed(tx, (e as Error).message ?? String(e), MAX_ATTEMPTS);
      this.log.error(
        dead
          ? `exposure events of transaction ${tx} failed ${MAX_ATTEMPTS} times and were dead-lettered (exposure_change.dead_at): ${detail}`
          : `exposure events of transaction ${tx} failed, retrying after the others: ${detail}`,
      );
    } catch (recording) {
      this.log.error(`exposure events of transaction ${tx} failed (${detail}), and the failure could not be recorded: ${(recording as Error).message}`);
    }
  }

  private async append(drafts: readonly EventDraft[], group: QueuedTransaction): Promise<number> {
    await this.outbox.append(drafts, group.auditEventId);
    await yieldToRequests();
    if (this.stopped) throw new Stopping('shutting down');
    return drafts.length;
  }
}
