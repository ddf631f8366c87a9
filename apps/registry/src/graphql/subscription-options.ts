import type { FastifyRequest } from 'fastify';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';

/** Server pings this often, so proxies keep an idle subscription's socket open. */
const KEEP_ALIVE_MS = 30_000;

type SubscriptionOptions = Exclude<MercuriusDriverConfig['subscription'], boolean | undefined>;

/**
 * GraphQL subscriptions over WebSocket at /graphql (graphql-transport-ws, and the older graphql-ws).
 * A browser cannot set headers on a WebSocket, so the token travels in connection_init, as
 * `{"Authorization": "Bearer pdg_…"}` (or under `headers`). The connection is always accepted; the
 * access guard authenticates each subscription with that header, as it does each HTTP request,
 * so a bad token gets the same UNAUTHENTICATED error with the same message.
 */
export function subscriptionOptions(loaders: () => unknown): SubscriptionOptions {
  return {
    keepAlive: KEEP_ALIVE_MS,
    context: (_socket: unknown, request: FastifyRequest) => ({ req: request, loaders: loaders() }),
    onConnect: ({ payload }: { payload: unknown }) => ({ authorization: authorizationOf(payload) }),
  };
}

function authorizationOf(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  const from = (o: Record<string, unknown>) => [o.Authorization, o.authorization].find((v): v is string => typeof v === 'string');
  const headers = p.headers && typeof p.headers === 'object' ? (p.headers as Record<string, unknown>) : null;
  return from(p) ?? (headers ? from(headers) : undefined);
}
