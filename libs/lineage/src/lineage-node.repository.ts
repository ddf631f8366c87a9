import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { NodeIdentity } from './lineage-graph';
import { NodeKind } from '@pedigree/core';

interface NodeRow {
  id: string;
  kind: NodeKind;
  key: string;
}

const toIdentity = (r: NodeRow): NodeIdentity => ({ id: String(r.id), kind: r.kind, key: r.key });

@Injectable()
export class LineageNodeRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims the natural key. Returns `created: false` with the existing id when another
   * registration (possibly concurrent: ON CONFLICT waits for it to commit) got there first.
   */
  async claim(kind: NodeKind, key: string): Promise<{ id: string; created: boolean }> {
    const inserted = await this.db.preparedOne<{ id: string }>(
      `INSERT INTO lineage_node(kind, key) VALUES ($1, $2) ON CONFLICT (kind, lower(key)) DO NOTHING RETURNING id`,
      [kind, key],
    );
    if (inserted) return { id: String(inserted.id), created: true };
    const existing = await this.findByKey(kind, key);
    if (!existing) throw new Error(`lineage node ${kind} ${key} vanished after a key conflict`);
    return { id: existing.id, created: false };
  }

  /**
   * Claims many keys of one kind in one statement: the new ids by key, and for keys already taken
   * (or taken by a concurrent registration, which ON CONFLICT waits for) the existing ids. Keys are
   * claimed in sorted order, so two batches sharing keys wait for each other instead of deadlocking
   * (each holding a key the other needs).
   */
  async claimMany(kind: NodeKind, keys: readonly string[]): Promise<Map<string, { id: string; created: boolean }>> {
    const out = new Map<string, { id: string; created: boolean }>();
    if (!keys.length) return out;
    const inserted = await this.db.prepared<NodeRow>(
      `INSERT INTO lineage_node(kind, key) SELECT $1, k FROM unnest($2::text[]) AS u(k) ORDER BY lower(k) COLLATE "C"
       ON CONFLICT (kind, lower(key)) DO NOTHING RETURNING id, kind, key`,
      [kind, keys],
    );
    for (const r of inserted) out.set(r.key.toLowerCase(), { id: String(r.id), created: true });
    const taken = keys.filter((k) => !out.has(k.toLowerCase()));
    if (taken.length) {
      for (const n of await this.findByIdsOrKeys(
        [],
        taken.map((key) => ({ kind, key })),
      ))
        out.set(n.key.toLowerCase(), { id: n.id, created: false });
    }
    for (const k of taken) if (!out.has(k.toLowerCase())) throw new Error(`lineage node ${kind} ${k} vanished after a key conflict`);
    return out;
  }

  async findByKey(kind: NodeKind, key: string): Promise<NodeIdentity | null> {
    const row = await this.db.one<NodeRow>(`SELECT id, kind, key FROM lineage_node WHERE kind = $1 AND lower(key) = lower($2)`, [kind, key]);
    return row ? toIdentity(row) : null;
  }

  /** Nodes by id and by (kind, key) at once; keys compare case-insensitively, as the unique index does. */
  async findByIdsOrKeys(ids: readonly string[], keys: readonly { kind: NodeKind; key: string }[]): Promise<NodeIdentity[]> {
    const rows = await this.db.prepared<NodeRow>(
      `SELECT id, kind, key FROM lineage_node WHERE id = ANY($1::bigint[])
       UNION
       SELECT n.id, n.kind, n.key FROM unnest($2::node_kind[], $3::text[]) AS k(kind, key)
       JOIN lineage_node n ON n.kind = k.kind AND lower(n.key) = lower(k.key)`,
      [ids, keys.map((k) => k.kind), keys.map((k) => k.key)],
    );
    return rows.map(toIdentity);
  }

  /** Up to `limit` registered keys of that kind most like `key` (trigram similarity), best first. */
  async similarKeys(kind: NodeKind, key: string, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ key: string }>(
      `SELECT key FROM lineage_node WHERE kind = $1 AND lower(key) % lower($2)
       ORDER BY similarity(lower(key), lower($2)) DESC, key LIMIT $3`,
      [kind, key, limit],
    );
    return rows.map((r) => r.key);
  }

  async findByIds(ids: readonly string[]): Promise<NodeIdentity[]> {
    const rows = await this.db.query<NodeRow>(`SELECT id, kind, key FROM lineage_node WHERE id = ANY($1::bigint[])`, [ids]);
    return rows.map(toIdentity);
  }

  /** Which of the nodes were registered after `asOf` (a past answer cannot speak of them). */
  async registeredAfter(ids: readonly string[], asOf: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM lineage_node WHERE id = ANY($1::bigint[]) AND created_at >= $2::timestamptz + interval '1 millisecond'`,
      [ids, asOf],
    );
    return rows.map((r) => String(r.id));
  }

  /** The `namespace/name` that owns a node: its own key, or for a checkpoint its model's name. */
  async ownerName(node: NodeIdentity): Promise<string> {
    if (node.kind !== NodeKind.CHECKPOINT) return node.key;
    const row = await this.db.one<{ name: string }>(`SELECT m.name FROM checkpoint c JOIN model m ON m.id = c.model_id WHERE c.id = $1`, [node.id]);
    return row?.name ?? node.key;
  }
}
