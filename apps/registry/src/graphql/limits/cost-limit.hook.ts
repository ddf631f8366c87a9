import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HeavyLane } from '@pedigree/core';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { estimateCost, whatWouldFit } from './query-cost';
import { limitError } from './limit-error';

interface ExecutionContext {
  reply?: { request?: FastifyRequest };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Releases the request's turn among expensive requests; set once it has one. */
    heavySlot?: () => void;
  }
}

export interface CostLimits {
  maxCost: number;
  /** From this estimated cost on, a request waits for a turn in the heavy lane. */
  heavyCost: number;
  heavySlots: number;
}

/** The operation's name, from the request body (Mercurius does not pass it to hooks). */
function operationNameOf(context: ExecutionContext, document: DocumentNode): string | null {
  const body = context.reply?.request?.body as { operationName?: unknown } | { operationName?: unknown }[] | undefined;
  const ops = Array.isArray(body) ? body : body ? [body] : [];
  const names = document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));
  const given = ops.map((o) => o?.operationName).find((n): n is string => typeof n === 'string' && names.includes(n));
  return given ?? null;
}

/**
 * The cost limit runs before execution, on every request, because it depends on variables:
 * validation results are cached per query text, and `first: $n` costs what `n` is this time.
 */
export function registerCostLimit(fastify: FastifyInstance, limits: CostLimits): HeavyLane {
  const { maxCost } = limits;
  const lane = new HeavyLane(limits.heavySlots);
  fastify.addHook('onResponse', async (req) => req.heavySlot?.());
  const graphql = (fastify as unknown as { graphql: { addHook(name: string, fn: (...args: any[]) => Promise<void>): void } }).graphql;
  graphql.addHook('preExecution', async (schema: GraphQLSchema, document: DocumentNode, context: ExecutionContext, variables?: Record<string, unknown>) => {
    const estimate = estimateCost(schema, document, operationNameOf(context, document), variables);
    if (estimate.total <= maxCost) {
      const req = context.reply?.request;
      // One turn per HTTP request: a batch's operations share it (they run together).
      if (estimate.total >= limits.heavyCost && req && !req.heavySlot) req.heavySlot = await lane.acquire(req.deadline ?? null);
      return;
    }
    const fit = whatWouldFit(estimate, maxCost);
    const costliest = [...estimate.parts]
      .sort((a, b) => b.cost - a.cost)
      .slice(0, 3)
      .map((p) => `${p.key} ${p.cost.toLocaleString('en-US')}`);
    const advice =
      fit && 'first' in fit
        ? `It would fit with first: ${fit.first} on ${fit.keys.length === 1 ? fit.keys[0] : `each of ${fit.keys.join(', ')}`}.`
        : fit
          ? `Even at first: 1, only ${fit.parts} of its ${estimate.parts.length} root fields fit in one request: split it.`
          : 'Ask for fewer items per page, fewer fields or fewer aliases, or split the request.';
    const error = limitError(
      `This request's estimated cost is ${estimate.total.toLocaleString('en-US')}, over the limit of ${maxCost.toLocaleString('en-US')} (PEDIGREE_MAX_COST). Costliest: ${costliest.join(', ')}. ${advice}`,
      'PEDIGREE_MAX_COST',
      { max: maxCost, cost: estimate.total, ...(fit ? { fits: fit } : {}) },
    );
    // The shape Mercurius uses for request errors: answered 400 with these errors and no data.
    throw Object.assign(new Error(error.message), { statusCode: 400, errors: [error] });
  });
  return lane;
}
