/** What a connection needs of its WebSocket (ws). */
export interface ClosableSocket {
  close(code?: number, reason?: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/** graphql-transport-ws: 4403 Forbidden, for a connection that has no valid token. */
const FORBIDDEN = 4403;

/**
 * One WebSocket's standing. A browser cannot send headers on a WebSocket, so the token comes in
 * connection_init and is checked on the first subscribe, where the client can be told exactly what
 * is wrong (as an UNAUTHENTICATED error, like over HTTP). A socket that has not authenticated a
 * subscription within the grace period, or whose token is refused, is closed: an anonymous caller
 * cannot keep sockets open.
 */
export class LiveConnection {
  private timer: NodeJS.Timeout | null;

  constructor(
    private readonly socket: ClosableSocket,
    graceMs: number,
  ) {
    this.timer = setTimeout(() => this.close(`no subscription with a valid token within ${graceMs} ms`), graceMs);
    this.timer.unref();
    socket.once('close', () => this.clear());
  }

  /** A subscribe on this socket presented a valid token. */
  authenticated(): void {
    this.clear();
  }

  /** The token was refused: the error goes out first (it is already queued), then the socket closes. */
  refused(): void {
    this.clear();
    setImmediate(() => this.close('the token was refused'));
  }

  private close(reason: string): void {
    this.clear();
    this.socket.close(FORBIDDEN, `Forbidden: ${reason}`);
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
