import type { LineageFeedStatus } from '@pedigree/lineage';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, exposed at /metrics in Prometheus text format. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'pedigree_' });

export const graphqlRequests = new Counter({
  name: 'pedigree_graphql_operations_total',
  help: 'GraphQL operations by root field and outcome.',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers: [registry],
});

export const graphqlLatency = new Histogram({
  name: 'pedigree_graphql_operation_seconds',
  help: 'GraphQL operation latency by root field.',
  labelNames: ['operation', 'type'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const registrations = new Counter({
  name: 'pedigree_registrations_total',
  help: 'Successful register* and lineage mutations, by operation.',
  labelNames: ['operation'] as const,
  registers: [registry],
});

export function poolGauges(pool: () => { totalCount: number; idleCount: number; waitingCount: number } | null): void {
  const read = (pick: (p: { totalCount: number; idleCount: number; waitingCount: number }) => number) =>
    function (this: Gauge) {
      const p = pool();
      if (p) this.set(pick(p));
    };
  new Gauge({ name: 'pedigree_db_pool_connections', help: 'Open database connections.', registers: [registry], collect: read((p) => p.totalCount) });
  new Gauge({ name: 'pedigree_db_pool_idle', help: 'Idle database connections.', registers: [registry], collect: read((p) => p.idleCount) });
  new Gauge({ name: 'pedigree_db_pool_waiting', help: 'Queries waiting for a connection.', registers: [registry], collect: read((p) => p.waitingCount) });
}

/** The heavy lane (expensive requests taking turns) and the CPU gate (in-memory walks taking turns). */
export function loadGauges(lane: { active: number; waiting: number; admitted: number }, gate: { depth: number }): void {
  new Gauge({
    name: 'pedigree_heavy_requests_running',
    help: 'Expensive requests running now (at most PEDIGREE_HEAVY_REQUESTS).',
    registers: [registry],
    collect() {
      this.set(lane.active);
    },
  });
  new Gauge({
    name: 'pedigree_heavy_requests_waiting',
    help: 'Expensive requests waiting for a turn.',
    registers: [registry],
    collect() {
      this.set(lane.waiting);
    },
  });
  new Counter({
    name: 'pedigree_heavy_requests_admitted_total',
    help: 'Expensive requests that got a turn.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(lane.admitted);
    },
  });
  new Gauge({
    name: 'pedigree_cpu_gate_depth',
    help: 'In-memory walks and rollups queued or running.',
    registers: [registry],
    collect() {
      this.set(gate.depth);
    },
  });
}

/**
 * The lineage change feed of the in-memory index. A listener that stays at 0 while the attempts
 * climb means other instances' writes arrive only by the poll; a growing poll age means not even that.
 */
export function lineageFeedGauges(status: () => LineageFeedStatus | null): void {
  new Gauge({
    name: 'pedigree_lineage_listener_connected',
    help: '1 while the LISTEN connection for lineage changes is up, else 0.',
    registers: [registry],
    collect() {
      const s = status();
      if (s) this.set(s.listenerConnected ? 1 : 0);
    },
  });
  new Counter({
    name: 'pedigree_lineage_listener_reconnect_attempts_total',
    help: 'Connection attempts of the lineage change listener after its first one.',
    registers: [registry],
    collect() {
      const s = status();
      // The listener owns the count; mirror it rather than keep a second one in step.
      if (!s) return;
      this.reset();
      this.inc(s.listenerReconnectAttempts);
    },
  });
  new Gauge({
    name: 'pedigree_lineage_feed_last_poll_age_seconds',
    help: 'Seconds since the lineage change feed was last read successfully.',
    registers: [registry],
    collect() {
      const s = status();
      if (s?.lastPollAt != null) this.set((Date.now() - s.lastPollAt) / 1000);
    },
  });
}

/** What /metrics reads of the alerts outbox: the backlog from the database, attempt outcomes of this process. */
export interface AlertsMetricsSource {
  backlog(): Promise<{ pending: number; oldestAgeSeconds: number }>;
  attemptCounts(): Readonly<Record<string, number>>;
}

export function alertsGauges(source: AlertsMetricsSource): void {
  // One read per scrape for both gauges: each collect asks, the first answer is shared.
  // A database that cannot answer leaves the gauges out of this scrape instead of failing /metrics.
  let pending: Promise<{ pending: number; oldestAgeSeconds: number } | null> | null = null;
  const read = () => {
    pending ??= source
      .backlog()
      .catch(() => null)
      .finally(() => setTimeout(() => (pending = null), 0));
    return pending;
  };
  new Gauge({
    name: 'pedigree_outbox_backlog',
    help: 'Webhook deliveries waiting to be sent (PENDING, to enabled subscriptions), across instances.',
    registers: [registry],
    async collect() {
      const b = await read();
      if (b) this.set(b.pending);
    },
  });
  new Gauge({
    name: 'pedigree_outbox_oldest_undelivered_age_seconds',
    help: 'Age of the oldest event a receiver is still owed; 0 when none is.',
    registers: [registry],
    async collect() {
      const b = await read();
      if (b) this.set(b.oldestAgeSeconds);
    },
  });
  new Counter({
    name: 'pedigree_webhook_deliveries_total',
    help: 'Delivery attempts by this process, by outcome: DELIVERED, FAILED, GONE (410), REFUSED (address), FILTERED (not sent).',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [outcome, n] of Object.entries(source.attemptCounts())) this.inc({ outcome }, n);
    },
  });
}
