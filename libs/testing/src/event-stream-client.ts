import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveEvents {
  /** Every `next` payload received so far, in order. */
  readonly received: { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Errors the server sent for the operation (graphql-transport-ws `error` messages). */
  readonly errors: { message: string; extensions?: Record<string, unknown> }[];
  /** Resolves once the server acknowledged connection_init. */
  readonly connected: Promise<void>;
  /** Resolves when the operation completed or failed. */
  readonly finished: Promise<void>;
  close(): Promise<void>;
}

export interface LiveClient {
  /** Resolves once the server acknowledged connection_init. */
  readonly connected: Promise<void>;
  /** Resolves with the close code when the socket closes. */
  readonly closed: Promise<number>;
  /** Another operation on this same socket. */
  subscribe(query: string, variables?: Record<string, unknown>): LiveEvents;
  close(): Promise<void>;
}

/**
 * One WebSocket with the graphql-ws protocol, as a dashboard opens it: the token in
 * connection_init, any number of subscriptions over it. `baseUrl` is the registry's http://host:port.
 */
export function openLiveClient(baseUrl: string, token: string | null): LiveClient {
  const url = new URL('/graphql', baseUrl);
  url.protocol = 'ws:';
  let ack!: () => void;
  let closedWith!: (code: number) => void;
  const connected = new Promise<void>((resolve) => (ack = resolve));
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const client: Client = createClient({
    url: url.toString(),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    // The close is reported through `closed`; graphql-ws would otherwise print it.
    onNonLazyError: () => undefined,
    on: { connected: () => ack(), closed: (e) => closedWith((e as { code?: number }).code ?? 0) },
  });
  const close = () => client.dispose() as Promise<void>;
  const subscribe = (query: string, variables: Record<string, unknown> = {}): LiveEvents => {
    const received: LiveEvents['received'] = [];
    const errors: LiveEvents['errors'] = [];
    const finished = new Promise<void>((resolve) => {
      client.subscribe(
        { query, variables },
        {
          next: (value) => void received.push(value as LiveEvents['received'][number]),
          error: (e) => {
            const list = Array.isArray(e) ? e : [e];
            for (const x of list)
              errors.push({ message: String((x as Error).message ?? x), extensions: (x as { extensions?: Record<string, unknown> }).extensions });
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
    return { received, errors, connected, finished, close };
  };
  return { connected, closed, subscribe, close };
}

/** One GraphQL subscription on its own WebSocket. */
export function subscribeLive(baseUrl: string, token: string | null, query: string, variables: Record<string, unknown> = {}): LiveEvents {
  return openLiveClient(baseUrl, token).subscribe(query, variables);
}
