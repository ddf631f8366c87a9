import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

const HARNESS = resolve(__dirname, 'lineage-graph-child.js');

export type GraphMode = 'cte' | 'memory';

/**
 * One LineageGraph implementation of the compiled app, in a child process, answering the same
 * calls the registry makes (walk, reaches, shortestPathUp) on a real PostgreSQL database.
 */
export class HarnessGraph {
  private next = 0;
  private readonly pending = new Map<number, { res: (v: any) => void; rej: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'READY') return;
      const { id, result, error } = JSON.parse(line);
      const p = this.pending.get(id)!;
      this.pending.delete(id);
      if (error) p.rej(new Error(error));
      else p.res(result);
    });
  }

  static async start(databaseUrl: string, mode: GraphMode): Promise<HarnessGraph> {
    const child = spawn(process.execPath, [HARNESS, databaseUrl, mode], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PEDIGREE_LOG_LEVEL: 'warn' },
    });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise<void>((res, rej) => {
      child.stdout!.once('data', () => res());
      child.once('exit', (code) => rej(new Error(`harness exited ${code}: ${err}`)));
    });
    return new HarnessGraph(child);
  }

  call<T>(op: string, args: unknown = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((res, rej) => {
      this.pending.set(id, { res, rej });
      this.child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  walk(rootIds: readonly string[], direction: string, options: unknown) {
    return this.call<any>('walk', { rootIds, direction, options });
  }
  walkColumns(rootIds: readonly string[], direction: string, options: unknown) {
    return this.call<any>('walkColumns', { rootIds, direction, options });
  }
  reaches(fromId: string, toId: string, asOf?: Date | null) {
    return this.call<boolean>('reaches', { fromId, toId, asOf });
  }
  shortestPathUp(fromId: string, toId: string, maxDepth: number, asOf?: Date | null) {
    return this.call<any>('shortestPathUp', { fromId, toId, maxDepth, asOf });
  }
  sync() {
    return this.call<null>('sync');
  }

  async stop(): Promise<void> {
    this.child.stdin!.end();
    await new Promise((r) => (this.child.exitCode !== null ? r(null) : this.child.once('exit', r)));
  }
}

export interface FixtureRows {
  nodes: { key: string; kind: string }[];
  edges: { key: string; derived: string; source: string; relation: string }[];
  retracted: string[];
  /** ISO times by edge key; now() when absent. */
  recordedAt?: Record<string, string>;
  retractedAt?: Record<string, string>;
}

let fixtureCounter = 0;

/** Writes a fixture straight into the lineage tables (keys prefixed, so fixtures share one database). */
export async function insertFixture(sql: Client, fx: FixtureRows): Promise<{ nodeIds: Record<string, string>; edgeIds: Record<string, string> }> {
  const prefix = `fx${++fixtureCounter}-${process.pid}:`;
  const nodeIds: Record<string, string> = {};
  const edgeIds: Record<string, string> = {};
  const nodes = await sql.query<{ id: string; key: string }>(
    `INSERT INTO lineage_node(kind, key) SELECT k::node_kind, $1 || n FROM unnest($2::text[], $3::text[]) AS u(n, k) RETURNING id, key`,
    [prefix, fx.nodes.map((n) => n.key), fx.nodes.map((n) => n.kind)],
  );
  for (const r of nodes.rows) nodeIds[r.key.slice(prefix.length)] = String(r.id);
  for (const e of fx.edges) {
    const { rows } = await sql.query<{ id: string }>(
      // An AUXILIARY edge must carry a role (a CHECK constraint); which one does not matter to a walk.
      `INSERT INTO lineage_edge(derived_id, source_id, relation, auxiliary_role, origin, justification, observed_at, confidence, recorded_by, recorded_at)
       VALUES ($1, $2, $3::lineage_relation, CASE WHEN $3::lineage_relation = 'AUXILIARY' THEN 'OTHER'::auxiliary_role END,
               'AUDIT_FINDING', 'contract fixture', now(), 1, 'test', COALESCE($4::timestamptz, now())) RETURNING id`,
      [nodeIds[e.derived], nodeIds[e.source], e.relation, fx.recordedAt?.[e.key] ?? null],
    );
    edgeIds[e.key] = String(rows[0].id);
  }
  for (const key of fx.retracted) {
    await sql.query(
      `INSERT INTO lineage_retraction(edge_id, origin, justification, observed_at, confidence, recorded_by, recorded_at)
       VALUES ($1, 'AUDIT_FINDING', 'contract fixture', now(), 1, 'test', COALESCE($2::timestamptz, now()))`,
      [edgeIds[key], fx.retractedAt?.[key] ?? null],
    );
  }
  return { nodeIds, edgeIds };
}
