import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { cpuGate, Direction, EdgeRef, requestContext } from '@pedigree/core';
import { LineageIndex, LineageIndexBuilder } from '@pedigree/lineage-index';
import { NotificationListener, PROCESS_APPLICATION_NAME } from '@pedigree/database';
import { FeedPosition, LineageChangeRepository } from './lineage-change.repository';
import { CommittedEdge, LineageChangeSink } from './lineage-change.sink';
import { LineageFeedStatus, LineageFeedStatusSource } from './lineage-feed.status';
import { LineageGraph, Subgraph, WalkColumns, WalkOptions } from './lineage-graph';

/**
 * The lineage graph held in this process: loaded at start, updated after each local commit (so
 * a writer reads its own writes) and from other instances' commits via LISTEN/NOTIFY plus a
 * poll on transaction ids. Walks never touch PostgreSQL.
 */
@Injectable()
export class InMemoryLineageGraph implements LineageGraph, LineageChangeSink, LineageFeedStatusSource, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('LineageIndex');
  private index: LineageIndex | null = null;
  private position: FeedPosition = { xmax: '0', xip: [] };
  private readonly listener: NotificationListener;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private pollFailing = false;
  private lastPollAt: number | null = null;
  private stopped = false;

  /**
   * `past`: answers for an earlier moment (WalkOptions.asOf); the index holds only the present.
   * `pollMs`: read the feed this often even without a notification, in case one was lost with a dropped connection.
   */
  constructor(
    private readonly changes: LineageChangeRepository,
    private readonly past: LineageGraph,
    private readonly pollMs = 500,
  ) {
    this.listener = new NotificationListener(
      { label: 'lineage change listener', listen: (onNotification) => changes.listen(onNotification), fallback: `polling every ${pollMs} ms` },
      {
        // Own commits are in the index already (edgesCommitted); only other writers need a poll.
        notified: (payload) => payload !== PROCESS_APPLICATION_NAME && void this.poll(),
        connected: () => void this.poll(),
      },
      'LineageIndex',
    );
  }

  private loading: Promise<void> | null = null;

  /** Registered under two tokens (the graph and the change sink), so Nest calls this twice: load once. */
  onApplicationBootstrap(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const builder = new LineageIndexBuilder();
    // Columns of numbers, a batch at a time: no object per edge survives the load.
    const batch = { ids: [] as number[], derivedIds: [] as number[], sourceIds: [] as number[], relations: [] as string[] };
    const flush = () => {
      builder.addEdges(batch);
      for (const column of Object.values(batch)) column.length = 0;
    };
    const retracted: number[] = [];
    const loaded = await this.changes.loadAll(
      (f) => {
        batch.ids.push(Number(f[0]));
        batch.derivedIds.push(Number(f[1]));
        batch.sourceIds.push(Number(f[2]));
        batch.relations.push(f[3]);
        if (batch.ids.length === 16_384) flush();
      },
      (edgeId) => retracted.push(Number(edgeId)),
    );
    flush();
    this.index = builder.addRetractions(retracted).build();
    this.position = loaded;
    this.lastPollAt = Date.now();
    const s = this.index.stats();
    this.log.log(`lineage index loaded: ${s.nodes} nodes, ${s.edges} edges in ${Date.now() - started} ms`);
    await this.listener.start();
    this.timer = setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.polling?.catch(() => undefined);
    await this.listener.stop();
  }

  feedStatus(): LineageFeedStatus {
    return { listenerConnected: this.listener.connection !== null, listenerReconnectAttempts: this.listener.reconnectAttempts, lastPollAt: this.lastPollAt };
  }

  // Walks are synchronous and can take tens of milliseconds on a large graph: they take turns
  // through the process's CPU gate, so health checks and small queries run between them.
  walk(rootIds: readonly string[], direction: Direction, options: WalkOptions): Promise<Subgraph> {
    if (options.asOf) return this.past.walk(rootIds, direction, options);
    return cpuGate.run(() => this.ready().walk(rootIds, direction, options), requestContext.deadline());
  }

  walkColumns(rootIds: readonly string[], direction: Direction, options: WalkOptions): Promise<WalkColumns> {
    if (options.asOf) return this.past.walkColumns(rootIds, direction, options);
    return cpuGate.run(() => this.ready().walkColumns(rootIds, direction, options), requestContext.deadline());
  }

  reaches(fromId: string, toId: string, asOf?: Date | null): Promise<boolean> {
    if (asOf) return this.past.reaches(fromId, toId, asOf);
    return cpuGate.run(() => this.ready().reaches(fromId, toId), requestContext.deadline());
  }

  shortestPathUp(fromId: string, toId: string, maxDepth: number, asOf?: Date | null): Promise<EdgeRef[] | null> {
    if (asOf) return this.past.shortestPathUp(fromId, toId, maxDepth, asOf);
    return cpuGate.run(() => this.ready().shortestPathUp(fromId, toId, maxDepth), requestContext.deadline());
  }

  edgesCommitted(edges: readonly CommittedEdge[]): void {
    for (const e of edges) this.index?.addEdge(e);
  }

  retractionCommitted(edgeId: string): void {
    this.index?.retractEdge(edgeId);
  }

  catchUp(): Promise<void> {
    return this.sync();
  }

  /** Resolves once everything committed before the call is in the index (tests, catch-up). */
  async sync(): Promise<void> {
    await this.poll();
    await this.poll();
  }

  private ready(): LineageIndex {
    if (!this.index) throw new Error('the lineage index is still loading');
    return this.index;
  }

  /** One poll at a time; a notification during a poll schedules exactly one more. */
  private poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.pollAgain = false;
        await this.pollOnce().then(
          () => this.pollSucceeded(),
          (err) => this.pollFailed(err as Error),
        );
      } while (this.pollAgain && !this.stopped);
    })().finally(() => (this.polling = null));
    return this.polling;
  }

  /** Logged when polls start failing and when they work again; an outage is two lines, not one per poll. */
  private pollFailed(err: Error): void {
    if (this.pollFailing) return;
    this.pollFailing = true;
    this.log.warn(`lineage index poll failed (${err.message}); retrying every ${this.pollMs} ms`);
  }

  private pollSucceeded(): void {
    this.lastPollAt = Date.now();
    if (!this.pollFailing) return;
    this.pollFailing = false;
    this.log.log('lineage index polls work again');
  }

  /**
   * Rows of this process's own commits come back once more here; the index ignores an edge id it
   * already holds, so applying them again is harmless.
   */
  private async pollOnce(): Promise<void> {
    const own = this.listener.connection;
    const client = own ?? (await this.changes.connect());
    try {
      const batch = await this.changes.changesSince(client, this.position);
      for (const e of batch.edges) this.index?.addEdge(e);
      for (const r of batch.retractions) this.index?.retractEdge(r.edgeId);
      this.position = batch.position;
      // Between polls, not inside a request: compaction is O(graph) and only pays off now and then.
      if (this.index?.needsCompaction()) this.index.compact();
    } finally {
      if (!own) await client.end().catch(() => undefined);
    }
  }
}
