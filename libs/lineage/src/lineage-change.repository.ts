import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Relation } from '@pedigree/core';

export interface EdgeChange {
  id: string;
  derivedId: string;
  sourceId: string;
  relation: Relation;
  tx: bigint;
}

export interface RetractionChange {
  edgeId: string;
  tx: bigint;
}

export interface ChangeBatch {
  edges: EdgeChange[];
  retractions: RetractionChange[];
  /** Every row from a transaction below this id is already in `edges`/`retractions` or in an earlier batch. */
  xmin: bigint;
}

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
 * The SQL side of the in-memory lineage index: a consistent bulk load, and "what changed since"
 * by transaction id. Polling by transaction id (not by row id) cannot miss a row whose id was
 * assigned early but committed late: rows of transactions still running are always at or above
 * the snapshot's xmin, so they are fetched again next time.
 */
@Injectable()
export class LineageChangeRepository {
  constructor(private readonly db: Db) {}

  /** A dedicated connection (LISTEN, COPY), outside the pool that serves requests. */
  async connect(): Promise<Client> {
    const client = new Client({ connectionString: (this.db.dataSource.options as { url?: string }).url, application_name: 'pedigree-lineage-index' });
    await client.connect();
    return client;
  }

  /** One snapshot for both tables; rows of transactions at or above the returned xmin are polled again later. */
  async loadAll(onEdge: (fields: string[]) => void, onRetraction: (edgeId: string) => void): Promise<{ xmin: bigint }> {
    const client = await this.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
      await copyRows(client, 'COPY (SELECT id, derived_id, source_id, relation FROM lineage_edge) TO STDOUT', onEdge);
      await copyRows(client, 'COPY (SELECT edge_id FROM lineage_retraction) TO STDOUT', (f) => onRetraction(f[0]));
      await client.query('COMMIT');
      return { xmin: BigInt(rows[0].xmin) };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async changesSince(client: Client, xmin: bigint): Promise<ChangeBatch> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const { rows } = await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
      const batch = await this.since(client, xmin);
      return { ...batch, xmin: BigInt(rows[0].xmin) };
    } finally {
      await client.query('COMMIT');
    }
  }

  private async since(client: Client, xmin: bigint): Promise<Omit<ChangeBatch, 'xmin'>> {
    const edges = await client.query<{ id: string; derived_id: string; source_id: string; relation: Relation; tx: string }>(
      'SELECT id, derived_id, source_id, relation, tx::text AS tx FROM lineage_edge WHERE tx >= $1::text::xid8 ORDER BY id',
      [xmin.toString()],
    );
    const retractions = await client.query<{ edge_id: string; tx: string }>(
      'SELECT edge_id, tx::text AS tx FROM lineage_retraction WHERE tx >= $1::text::xid8 ORDER BY id',
      [xmin.toString()],
    );
    return {
      edges: edges.rows.map((r) => ({ id: String(r.id), derivedId: String(r.derived_id), sourceId: String(r.source_id), relation: r.relation, tx: BigInt(r.tx) })),
      retractions: retractions.rows.map((r) => ({ edgeId: String(r.edge_id), tx: BigInt(r.tx) })),
    };
  }
}
