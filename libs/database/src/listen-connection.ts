import { Client, ClientConfig } from 'pg';
import type { Db } from './transaction.service';

const LISTEN_CONNECT_TIMEOUT_MS = 10_000;

/** A dedicated connection (LISTEN, COPY), outside the pool that serves requests. */
export async function dedicatedConnection(db: Db, applicationName: string, options: ClientConfig = {}): Promise<Client> {
  const client = new Client({
    connectionString: (db.dataSource.options as { url?: string }).url,
    application_name: applicationName,
    ...options,
  });
  // pg emits 'error' when the server goes away, even after failing the running query with it;
  // unheard, that event would kill the process. The failed query is how callers learn of it.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * A connection subscribed to one channel. TCP keepalive notices a peer that vanished without
 * closing the socket, which would otherwise look like a quiet, healthy listener for hours; the
 * connect timeout keeps a retry (and shutdown) from hanging on a black-holed address.
 */
export async function listenConnection(
  db: Db,
  channel: string,
  applicationName: string,
  onNotification: (payload: string | undefined) => void,
): Promise<Client> {
  const client = await dedicatedConnection(db, applicationName, {
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: LISTEN_CONNECT_TIMEOUT_MS,
  });
  client.on('notification', (n) => onNotification(n.payload));
  try {
    await client.query(`LISTEN ${channel}`);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return client;
}
