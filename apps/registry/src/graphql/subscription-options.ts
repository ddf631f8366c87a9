import type { FastifyRequest } from 'fastify';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { ClosableSocket, LiveConnection } from './live-connection';

/** Server pings this often, so proxies keep an idle subscription's socket open. */
const KEEP_ALIVE_MS = 30_000;
/** A socket must authenticate a subscription this soon after connection_init, or it is closed. */
export const AUTHENTICATE_WITHIN_MS = 10_000;

type SubscriptionOptions = Exclude<MercuriusDriverConfig['subscription'], boolean | undefined>;

/**
 * GraphQL subscriptions over WebSocket at /graphql (graphql-transport-ws, and the older graphql-ws).
 * A browser cannot set headers on a WebSocket, so the token travels in connection_init, as
 * `{"Authorization": "Bearer pdg_…"}` (or under `headers`). Each subscribe is authenticated with it
 * (subscription-checks.hooks.ts), so a bad token gets the same UNAUTHENTICATED error with the same
 * message as over HTTP; then the socket is closed, as is one that authenticates nothing in time.
 */
export function subscriptionOptions(loaders: () => unknown): SubscriptionOptions {
  return {
    keepAlive: KEEP_ALIVE_MS,
    context: (socket: ClosableSocket, request: FastifyRequest) => ({
      req: request,
      loaders: loaders(),
      connection: new LiveConnection(socket, AUTHENTICATE_WITHIN_MS),
    }),
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
