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

/**
 * One GraphQL subscription over WebSocket with the graphql-ws protocol, as a dashboard would run it:
 * the token in connection_init. `baseUrl` is the registry's http://host:port.
 */
export function subscribeLive(baseUrl: string, token: string | null, query: string, variables: Record<string, unknown> = {}): LiveEvents {
  const url = new URL('/graphql', baseUrl);
  url.protocol = 'ws:';
  let ack!: () => void;
  const connected = new Promise<void>((resolve) => (ack = resolve));
  const client: Client = createClient({
    url: url.toString(),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: { connected: () => ack() },
  });
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
  return { received, errors, connected, finished, close: () => client.dispose() as Promise<void> };
}
