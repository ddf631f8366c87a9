import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { QueryRunner } from 'typeorm';
import { eventHash, GENESIS_HASH, HashVersion } from '@pedigree/audit/rules';
import { hashToken } from '@pedigree/access/rules';
import { AddAuditHashVersion1764090000000 } from '../migrations/1764090000000-AddAuditHashVersion';
import { eventually, EVIDENCE, newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

/** The runnable Node snippet of docs/audit-trail.md, between its markers. */
function recomputeSnippet(): string {
  const doc = readFileSync(resolve(__dirname, '..', 'docs/audit-trail.md'), 'utf8');
  const block = /<!-- recompute:begin -->\s*```js\n([\s\S]*?)```\s*<!-- recompute:end -->/.exec(doc);
  if (!block) throw new Error('docs/audit-trail.md has no recompute snippet');
  return block[1];
}

const VERIFY = `{ verifyAuditTrail { ok checkedEvents pendingEvents hashVersions firstBrokenLink { seq eventId reason detail } badTreeHeadIds } }`;
const OCCURRED_AT_UTC = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** Every column, in a form that writes back unchanged (occurred_at::text keeps the microseconds). */
const SNAPSHOT = `id, seq, occurred_at::text AS occurred_at, ${OCCURRED_AT_UTC} AS occurred_at_utc, actor_token_id, actor, operation, input_digest, touched_ids, prev_hash, hash, hash_version`;

/**
 * Version 2 hashes every column exactly as stored: a superuser who edits any of them behind the
 * trigger's back, by as little as one whitespace character or one microsecond, is caught and the
 * event named. Rows chained with version 1 keep verifying.
 */
describe('exact audit hashing', () => {
  let r: RegistryProcess;
  const verify = async () => (await r.gql(VERIFY)).data.verifyAuditTrail;
  const asSuperuser = async (statements: [string, unknown[]?][]) => {
    await r.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    try {
      for (const [text, params] of statements) await r.sql(text, params);
    } finally {
      await r.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    }
  };
  const snapshot = async (id: string) => (await r.sql(`SELECT ${SNAPSHOT} FROM audit_event WHERE id = $1`, [id]))[0];
  const restore = (s: Record<string, any>) =>
    asSuperuser([
      [
        `UPDATE audit_event SET occurred_at = $2::timestamptz, actor_token_id = $3, actor = $4, operation = $5, input_digest = $6, touched_ids = $7,
         prev_hash = $8, hash = $9, hash_version = $10 WHERE id = $1`,
        [s.id, s.occurred_at, s.actor_token_id, s.actor, s.operation, s.input_digest, s.touched_ids, s.prev_hash, s.hash, s.hash_version],
      ],
    ]);

  beforeAll(async () => {
    // No periodic tree heads: the chain is rewritten below, and a head signed before that would (rightly) fail.
    r = await startRegistry({ env: { PEDIGREE_AUDIT_CHAIN_INTERVAL_MS: '50', PEDIGREE_AUDIT_HEAD_INTERVAL_MS: '3600000' } });
    await newOrganization(r);
    for (let i = 0; i < 3; i++) await newModel(r);
  });
  afterAll(() => r?.stop());

  it('chains new events with version 2 and says so', async () => {
    const v = await verify();
    expect(v).toMatchObject({ ok: true, hashVersions: [2], firstBrokenLink: null });
    // Events written after the verification (the background workers' too) are chained within the 50 ms interval;
    // read once none waits, or one still unchained shows as a null version (seen on a loaded CI machine).
    await eventually(async () => (await r.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE seq IS NULL`))[0].n === 0);
    expect(await r.sql(`SELECT DISTINCT hash_version FROM audit_event`)).toEqual([{ hash_version: 2 }]);
  });

  it('stores the actor as normalized at input, so the hash covers exactly what an auditor reads', async () => {
    const token = 'pdg_' + 'PaddedOwnerToken_0123456789abcdefghijklmnopq'.slice(0, 43);
    // Owners are trimmed when a token is created; a row written some other way may not be.
    const [{ id }] = await r.sql(`INSERT INTO api_token(owner, role, token_hash, token_prefix) VALUES ($1, 'ADMIN', $2, $3) RETURNING id`, [
      ' padded-owner\t',
      hashToken(token),
      token.slice(0, 10),
    ]);
    const res = await r.gqlAs(token, `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
      i: { slug: 'padded-org', name: 'padded-org', country: 'FR', kind: 'COMPANY', aliases: [], evidence: EVIDENCE },
    });
    expect(res.errors).toBeUndefined();
    const events = await r.sql(`SELECT actor, operation FROM audit_event WHERE actor_token_id = $1`, [id]);
    expect(events).toEqual([{ actor: 'padded-owner', operation: 'registerOrganization' }]);
  });

  it('shows the time to the microsecond, as hashed', async () => {
    await verify(); // chains what the test before recorded
    const res = await r.gql(`{ auditEvents(first: 100) { edges { node { id occurredAt occurredAtUtc hashVersion } } } }`);
    const rows = await r.sql(`SELECT id::text, ${OCCURRED_AT_UTC} AS utc FROM audit_event ORDER BY id`);
    expect(res.data.auditEvents.edges.map((e: any) => [e.node.id, e.node.occurredAtUtc])).toEqual(rows.map((x) => [x.id, x.utc]));
    for (const { node } of res.data.auditEvents.edges) {
      expect(node.occurredAtUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      // The Date is the same instant, cut to milliseconds (give or take the driver's float rounding).
      expect(Math.abs(Date.parse(node.occurredAtUtc.slice(0, 23) + 'Z') - Date.parse(node.occurredAt))).toBeLessThanOrEqual(1);
      expect(node.hashVersion).toBe(2);
    }
  });

  const tampers: [string, string][] = [
    ['actor', `actor = actor || ' '`],
    ['operation', `operation = E'\\n' || operation`],
    ['touched_ids', `touched_ids[1] = touched_ids[1] || E'\\t'`],
    ['input_digest', `input_digest = input_digest || ' '`],
    ['prev_hash', `prev_hash = prev_hash || ' '`],
    ['hash', `hash = hash || ' '`],
    ['occurred_at', `occurred_at = occurred_at + interval '1 microsecond'`],
    ['actor_token_id', `actor_token_id = actor_token_id + 1`],
    ['hash_version', `hash_version = 1`],
  ];
  it.each(tampers)('names the event whose %s a superuser changed', async (_column, set) => {
    const [target] = await r.sql(
      `SELECT id FROM audit_event WHERE seq > 1 AND actor_token_id IS NOT NULL AND cardinality(touched_ids) > 0 ORDER BY seq LIMIT 1`,
    );
    const before = await snapshot(target.id);
    await asSuperuser([[`UPDATE audit_event SET ${set} WHERE id = $1`, [target.id]]]);
    try {
      expect(await snapshot(target.id)).not.toEqual(before);
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.firstBrokenLink).toMatchObject({ seq: Number(before.seq), eventId: String(target.id), reason: 'HASH_MISMATCH' });
    } finally {
      await restore(before);
    }
    expect(await verify()).toMatchObject({ ok: true, firstBrokenLink: null });
  });

  it('names the first of two events whose positions a superuser swapped', async () => {
    const [a, b] = await r.sql(`SELECT id, seq FROM audit_event WHERE seq IN (2, 3) ORDER BY seq`);
    // Through a free position, since seq is unique.
    const place = (aSeq: number, bSeq: number): [string, unknown[]][] => [
      [`UPDATE audit_event SET seq = -1 WHERE id = $1`, [a.id]],
      [`UPDATE audit_event SET seq = $2 WHERE id = $1`, [b.id, bSeq]],
      [`UPDATE audit_event SET seq = $2 WHERE id = $1`, [a.id, aSeq]],
    ];
    await asSuperuser(place(3, 2));
    try {
      expect((await verify()).firstBrokenLink).toMatchObject({ seq: 2, eventId: String(b.id), reason: 'HASH_MISMATCH' });
    } finally {
      await asSuperuser(place(2, 3));
    }
    expect((await verify()).ok).toBe(true);
  });

  it('keeps verifying events chained with version 1, and names both versions in a mixed chain', async () => {
    const migration = new AddAuditHashVersion1764090000000();
    const q = { query: (text: string) => r.sql(text) } as unknown as QueryRunner;
    // Back to the schema before version 2, with the chain as the version 1 chainer wrote it.
    await migration.down(q);
    const rows = await r.sql(`SELECT ${SNAPSHOT.replace(', hash_version', '')}, occurred_at AS occurred_at_date FROM audit_event ORDER BY seq`);
    let prev = GENESIS_HASH;
    const rewrite: [string, unknown[]][] = rows.map((row) => {
      const hash = eventHash(
        {
          id: String(row.id),
          seq: Number(row.seq),
          occurredAt: row.occurred_at_date,
          occurredAtUtc: row.occurred_at_utc,
          actorTokenId: row.actor_token_id,
          actor: row.actor,
          operation: row.operation,
          inputDigest: row.input_digest,
          touchedIds: row.touched_ids,
        },
        prev,
        1 as HashVersion,
      );
      const statement: [string, unknown[]] = [`UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE id = $1`, [row.id, prev, hash]];
      prev = hash;
      return statement;
    });
    await asSuperuser(rewrite);
    await migration.up(q);
    expect(await r.sql(`SELECT DISTINCT hash_version FROM audit_event`)).toEqual([{ hash_version: 1 }]);
    expect(await verify()).toMatchObject({ ok: true, checkedEvents: rows.length, hashVersions: [1] });

    await newModel(r);
    expect(await verify()).toMatchObject({ ok: true, checkedEvents: rows.length + 1, hashVersions: [1, 2] });

    // An outsider with the snippet from the docs, which shares no code with the registry, gets the same hashes.
    const eventHashFromDocs = vm.runInNewContext(`${recomputeSnippet()}\n;eventHash`, { require });
    const res = await r.gql(
      `{ auditEvents(first: 100) { edges { node { id seq occurredAt occurredAtUtc actorTokenId actor operation inputDigest touchedIds prevHash hash hashVersion } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.auditEvents.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.hashVersion)).toEqual([...rows.map(() => 1), 2]);
    for (const node of nodes) expect(eventHashFromDocs(node)).toBe(node.hash);

    // Version 1 still catches what it always caught.
    const [old] = await r.sql(`SELECT id FROM audit_event WHERE hash_version = 1 AND seq = 2`);
    const before = await snapshot(old.id);
    await asSuperuser([[`UPDATE audit_event SET operation = 'registerDataset' WHERE id = $1`, [old.id]]]);
    try {
      expect((await verify()).firstBrokenLink).toMatchObject({ seq: 2, eventId: String(old.id), reason: 'HASH_MISMATCH' });
    } finally {
      await restore(before);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('lets an event be completed once, by setting its position, link, hash and version and nothing else', async () => {
    // In one transaction, so the running chainer never sees the probe row.
    const complete = `UPDATE audit_event SET seq = 1000000, prev_hash = $2, hash = $3, chained_at = now()`;
    const attempt = async (sql: string, params: unknown[]) => {
      await r.sql(`SAVEPOINT attempt`);
      try {
        await r.sql(sql, params);
        return 'allowed';
      } catch (e) {
        await r.sql(`ROLLBACK TO SAVEPOINT attempt`);
        return /append-only/.test(String(e)) ? 'refused' : String(e);
      }
    };
    await r.sql(`BEGIN`);
    try {
      const [{ id }] = await r.sql(`INSERT INTO audit_event(actor, operation, input_digest) VALUES ('probe', 'probe', 'x') RETURNING id`);
      const args = [id, 'a'.repeat(64), 'b'.repeat(64)];
      expect(await attempt(`${complete} WHERE id = $1`, args)).toBe('refused');
      expect(await attempt(`${complete}, hash_version = 2, actor = 'probe ' WHERE id = $1`, args)).toBe('refused');
      expect(await attempt(`${complete}, hash_version = 2, occurred_at = occurred_at + interval '1 microsecond' WHERE id = $1`, args)).toBe('refused');
      expect(await attempt(`UPDATE audit_event SET hash_version = 2 WHERE id = $1`, [id])).toBe('refused');
      expect(await attempt(`${complete}, hash_version = 2 WHERE id = $1`, args)).toBe('allowed');
      expect(await attempt(`UPDATE audit_event SET hash_version = 1 WHERE id = $1`, [id])).toBe('refused');
    } finally {
      await r.sql(`ROLLBACK`);
    }
  });

  // Last: an identity column cannot be given its old value back.
  it('names an event whose id a superuser reassigned', async () => {
    // A version 2 row: by now the chain starts with version 1 rows.
    const [target] = await r.sql(`SELECT seq FROM audit_event WHERE hash_version = 2 ORDER BY seq LIMIT 1`);
    await asSuperuser([[`UPDATE audit_event SET id = DEFAULT WHERE seq = $1`, [target.seq]]]);
    const [moved] = await r.sql(`SELECT id FROM audit_event WHERE seq = $1`, [target.seq]);
    expect((await verify()).firstBrokenLink).toMatchObject({ seq: Number(target.seq), eventId: String(moved.id), reason: 'HASH_MISMATCH' });
  });
});
