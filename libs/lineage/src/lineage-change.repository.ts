import { Injectable } from '@nestjs/common';
import { Db, dedicatedConnection, listenConnection } from '@pedigree/database';
import { Client, ClientConfig } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Relation } from '@pedigree/core';

export interface EdgeChange {
  id: string;
  derivedId: string;
  sourceId: string;
  relation: Relation;
}

export interface RetractionChange {
  edgeId: string;
}

/**
 * Where a reader of the change feed stands: the snapshot it last read at. A row becomes visible
 * later only if its transaction was at or above the snapshot's xmax, or in progress then (xip).
 */
export interface FeedPosition {
  xmax: string;
  xip: string[];
}

export interface ChangeBatch {
  edges: EdgeChange[];
  retractions: RetractionChange[];
  /** The snapshot this batch was read at: pass it to the next `changesSince`. */
  position: FeedPosition;
}

const SNAPSHOT = `SELECT pg_snapshot_xmax(s)::text AS xmax, ARRAY(SELECT pg_snapshot_xip(s)::text) AS xip FROM (SELECT pg_current_snapshot() AS s) q`;

/** Text COPY rows: tab-separated, one per line; ids and enum labels never need escaping. */
async function copyRows(client: Client, sql: string, onRow: (fields: string[]) => void): Promise<void> {
  const stream = client.query(copyTo(sql));
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const line of lines) onRow(line.split('\t'));
  }
  if (rest) onRow(rest.split('\t'));
}

/**
 * The SQL side of the in-memory lineage index: a consistent bulk load, and "what became visible
 * since" by transaction id. Polling by transaction id (not by row id) cannot miss a row whose id
 * was assigned early but committed late, and reading only transactions that were running or not
 * yet started at the previous snapshot keeps each poll proportional to what actually changed,
 * even while a long transaction holds xmin back.
 */
@Injectable()
export class LineageChangeRepository {
  constructor(private readonly db: Db) {}

  /** A dedicated connection for COPY, outside the pool that serves requests. */
  connect(options: ClientConfig = {}): Promise<Client> {
    return dedicatedConnection(this.db, 'pedigree-lineage-index', options);
  }

  /** A connection subscribed to lineage changes; see `listenConnection`. */
  listen(onNotification: (payload: string | undefined) => void): Promise<Client> {
    return listenConnection(this.db, 'pedigree_lineage', 'pedigree-lineage-index', onNotification);
  }

  /** One snapshot for both tables, and the position to poll from afterwards. */
  async loadAll(onEdge: (fields: string[]) => void, onRetraction: (edgeId: string) => void): Promise<FeedPosition> {
    const client = await this.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<FeedPosition>(SNAPSHOT);
      await copyRows(client, 'COPY (SELECT id, derived_id, source_id, relation FROM lineage_edge) TO STDOUT', onEdge);
      await copyRows(client, 'COPY (SELECT edge_id FROM lineage_retraction) TO STDOUT', (f) => onRetraction(f[0]));
      await client.query('COMMIT');
      return rows[0];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async changesSince(client: Client, since: FeedPosition): Promise<ChangeBatch> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const { rows } = await client.query<FeedPosition>(SNAPSHOT);
      const where = 'tx >= $1::text::xid8 OR tx = ANY($2::text[]::xid8[])';
      const params = [since.xmax, since.xip];
      const edges = await client.query<{ id: string; derived_id: string; source_id: string; relation: Relation }>(
        `SELECT id, derived_id, source_id, relation FROM lineage_edge WHERE ${where} ORDER BY id`,
        params,
      );
      const retractions = await client.query<{ edge_id: string }>(`SELECT edge_id FROM lineage_retraction WHERE ${where} ORDER BY id`, params);
      return {
        edges: edges.rows.map((r) => ({ id: String(r.id), derivedId: String(r.derived_id), sourceId: String(r.source_id), relation: r.relation })),
        retractions: retractions.rows.map((r) => ({ edgeId: String(r.edge_id) })),
        position: rows[0],
      };
    } finally {
      await client.query('COMMIT');
    }
  }
}
