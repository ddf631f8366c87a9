import type { FastifyInstance } from 'fastify';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { LineageFeedStatusSource } from '@pedigree/lineage';
import { DataSource } from 'typeorm';
import { cpuGate, HeavyLane } from '@pedigree/core';
import {
  AlertsMetricsSource,
  alertsGauges,
  graphqlLatency,
  graphqlRequests,
  lineageFeedGauges,
  loadGauges,
  poolGauges,
  registrations,
  registry,
} from './metrics';

interface Timed {
  __metrics?: { start: bigint; fields: string[]; type: string };
}

function rootFields(document: DocumentNode): { type: string; fields: string[] } {
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const fields = op?.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : [])) ?? [];
  return { type: op?.operation ?? 'query', fields: fields.length ? fields : ['(none)'] };
}

/** Request counts and latency per root field, registration counts, pool use, load, the lineage feed, the alerts outbox; served at /metrics. */
export function registerMetrics(
  fastify: FastifyInstance,
  dataSource: DataSource,
  lane: HeavyLane,
  lineageFeed: LineageFeedStatusSource,
  alerts: AlertsMetricsSource,
): void {
  loadGauges(lane, cpuGate);
  alertsGauges(alerts);
  poolGauges(() => (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master ?? null);
  // Only with the in-memory index: a `cte` registry has no feed, and a constant 0 would read as an outage.
  if (lineageFeed.feedStatus()) lineageFeedGauges(() => lineageFeed.feedStatus());
  const graphql = (fastify as unknown as { graphql: { addHook(name: string, fn: (...args: any[]) => Promise<void>): void } }).graphql;
  graphql.addHook('preExecution', async (_schema: unknown, document: DocumentNode, context: Timed) => {
    context.__metrics = { start: process.hrtime.bigint(), ...rootFields(document) };
  });
  graphql.addHook('onResolution', async (execution: { errors?: unknown[] }, context: Timed) => {
    const m = context.__metrics;
    if (!m) return;
    const seconds = Number(process.hrtime.bigint() - m.start) / 1e9;
    const outcome = execution.errors?.length ? 'error' : 'ok';
    for (const operation of m.fields) {
      graphqlRequests.inc({ operation, type: m.type, outcome });
      graphqlLatency.observe({ operation, type: m.type }, seconds);
      if (m.type === 'mutation' && outcome === 'ok') registrations.inc({ operation });
    }
  });
  fastify.get('/metrics', async (_req, reply) => {
    void reply.type(registry.contentType).send(await registry.metrics());
  });
}
