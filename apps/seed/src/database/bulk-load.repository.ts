import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Every statement of the seeder except the schema snapshot; one connection, one transaction. */
export class BulkLoadRepository {
  constructor(private readonly client: Client) {}

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
    // Index builds after the load sort millions of keys; more memory means fewer passes.
    await this.client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
  }

  /** Held until commit: nothing else writes to (or half-reads) the tables while they load. */
  async lock(tables: readonly string[]): Promise<void> {
    await this.client.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  }

  /** Tables that already hold rows. */
  async occupied(tables: readonly string[]): Promise<string[]> {
    const { rows } = await this.client.query<Record<string, boolean>>(`SELECT ${tables.map((t) => `EXISTS (SELECT 1 FROM ${t}) AS ${t}`).join(', ')}`);
    return tables.filter((t) => rows[0][t]);
  }

  async hasRelation(label: string): Promise<boolean> {
    const { rows } = await this.client.query(
      `SELECT 1 FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'lineage_relation' AND e.enumlabel = $1`,
      [label],
    );
    return rows.length > 0;
  }

  /**
   * Gives the (verified empty) tables fresh storage inside this transaction. That is what lets
   * COPY write its rows already frozen and visible (no later rewrite to set hint bits, index-only
   * scans right away) and, under wal_level=minimal, skip the WAL. TRUNCATE does not fire the
   * append-only row triggers, which is why it only ever runs on tables just proven empty.
   */
  async freshStorage(tables: readonly string[]): Promise<void> {
    await this.client.query(`TRUNCATE ${tables.join(', ')}`);
  }

  /** COPY FROM STDIN, streaming: rows arrive as they are generated. Returns the row count. */
  async copy(table: string, columns: readonly string[], chunks: AsyncIterable<Uint8Array>): Promise<number> {
    const stream = this.client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FREEZE)`));
    await pipeline(Readable.from(chunks, { objectMode: false }), stream);
    return Number(stream.rowCount);
  }

  /** Identity sequences continue after the explicit ids the load wrote. */
  async advanceSequences(tables: readonly string[]): Promise<void> {
    const { rows } = await this.client.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
       WHERE table_schema = 'public' AND is_identity = 'YES' AND table_name = ANY($1::text[])`,
      [tables],
    );
    for (const { table, column } of rows) {
      await this.client.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(max(${column}), 1), max(${column}) IS NOT NULL) FROM ${table}`, [
        table,
        column,
      ]);
    }
  }

  /** One unchained event, as a mutation writes it; the registry's chainer links it like any other. */
  async appendAuditEvent(actor: string, operation: string, inputDigest: string): Promise<string> {
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO audit_event(actor_token_id, actor, operation, input_digest, touched_ids) VALUES (NULL, $1, $2, $3, '{}') RETURNING id`,
      [actor, operation, inputDigest],
    );
    return String(rows[0].id);
  }

  async analyze(tables: readonly string[]): Promise<void> {
    await this.client.query(`ANALYZE ${tables.join(', ')}`);
  }

  async sizes(tables: readonly string[]): Promise<Record<string, number>> {
    const { rows } = await this.client.query<{ table: string; bytes: string }>(
      `SELECT t AS table, pg_total_relation_size(t::regclass) AS bytes FROM unnest($1::text[]) AS t`,
      [tables],
    );
    return Object.fromEntries(rows.map((r) => [r.table, Number(r.bytes)]));
  }
}
