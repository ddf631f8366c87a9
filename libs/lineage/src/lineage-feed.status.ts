/** How the in-memory index keeps up with other instances' writes; served as metrics by the app. */
export interface LineageFeedStatus {
  /** Whether the LISTEN connection is up. While it is down, other instances' writes arrive only by the poll. */
  listenerConnected: boolean;
  /** Connection attempts after the first one, since the process started. */
  listenerReconnectAttempts: number;
  /** When the change feed was last read successfully (epoch ms); the start-up load counts as the first read. */
  lastPollAt: number | null;
}

export interface LineageFeedStatusSource {
  /** Null when lineage walks read PostgreSQL directly (`PEDIGREE_LINEAGE_INDEX=cte`): there is no feed. */
  feedStatus(): LineageFeedStatus | null;
  /** Resolves once everything committed before the call is in the index (at once without an index). */
  catchUp(): Promise<void>;
}

/** Injects a LineageFeedStatusSource. */
export const LINEAGE_FEED_STATUS = Symbol('LINEAGE_FEED_STATUS');
