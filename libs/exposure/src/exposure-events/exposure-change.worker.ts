import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Direction } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { LINEAGE_FEED_STATUS, LINEAGE_GRAPH, LineageFeedStatusSource, LineageGraph, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { EventDraft, OutboxRepository } from '@pedigree/outbox';
import { ExposureChangeRepository, QueuedExposureChange } from './exposure-change.repository';
import { ExposureCause, ExposureChangeService } from './exposure-change.service';

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Subjects per ancestry load; between batches the worker yields, so a base with 400k descendants never holds the event loop. */
const SLICE = 200;

/** Thrown between batches at shutdown: the change's transaction rolls back and it stays queued for the next start. */
class Stopping extends Error {}

/**
 * Turns queued lineage changes into `exposure.changed` events. For each change: the node the edge
 * hangs under, then (only if its sets changed) every node below it and every deployment running
 * one of them, each compared with and without the edge. The events are appended in the transaction
 * that deletes the change, so each change's events exist exactly once, whichever instance ran it.
 *
 * The descendants are skipped when the edge's own node keeps its sets: whatever a descendant gains
 * or loses through the edge it reaches through that node, so it cannot change either (a property
 * test in rules/exposure-change.spec.ts checks this on random graphs). A redundant edge under a
 * popular base then costs one ancestry load, not one per descendant.
 */
@Injectable()
export class ExposureChangeWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ExposureEvents');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

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
    this.running ??= (async () => {
      try {
        while (!this.stopped && (await this.processOne())) await yieldToRequests();
      } catch (e) {
        if (!(e instanceof Stopping)) this.log.error(`exposure events failed, retrying: ${(e as Error).stack ?? String(e)}`);
      }
    })().finally(() => (this.running = null));
    return this.running;
  }

  private processOne(): Promise<boolean> {
    return this.db.transaction(async () => {
      const change = await this.queue.claim();
      if (!change) return false;
      // The change committed before it could be claimed; the index must hold it before walking.
      await this.feed.catchUp();
      const cause = await this.events.causeOf(change);
      const own = await this.events.forNodes(change, cause, [change.edge.derivedId]);
      let emitted = await this.append(own, change);
      if (own.length) emitted += await this.below(change, cause);
      this.log.log(`${change.change} edge ${change.edge.id}: ${emitted} exposure.changed events`);
      return true;
    });
  }

  /** Everything below the edge's node, and the deployments running the node or any of them. */
  private async below(change: QueuedExposureChange, cause: ExposureCause): Promise<number> {
    const root = change.edge.derivedId;
    const walk = await this.graph.walkColumns([root], Direction.DESCENDANTS, { maxDepth: MAX_WALK_DEPTH, relations: [], includeRetracted: false });
    const descendants = [...new Set(Array.from(walk.nodeIds, String))].filter((id) => id !== root);
    let emitted = 0;
    for (let i = 0; i < descendants.length; i += SLICE) {
      emitted += await this.append(await this.events.forNodes(change, cause, descendants.slice(i, i + SLICE)), change);
    }
    const running = [root, ...descendants];
    for (let i = 0; i < running.length; i += SLICE) {
      emitted += await this.append(await this.events.forDeploymentsOn(change, cause, running.slice(i, i + SLICE)), change);
    }
    return emitted;
  }

  private async append(drafts: readonly EventDraft[], change: QueuedExposureChange): Promise<number> {
    await this.outbox.append(drafts, change.auditEventId);
    await yieldToRequests();
    if (this.stopped) throw new Stopping('shutting down');
    return drafts.length;
  }
}
