'use strict';
// Issue 18's limit for registerCheckpoint: the registration's own statements, run through `pg`
// directly by closed-loop clients, as a careful hand would write them (one transaction: resolve
// the references by key, claim the node, the checkpoint row, the cycle check, the three edges,
// the audit event and the outbox event). The tables' triggers (change feed, policy and exposure
// queues, webhook fan-out) fire as they do for the registry. No HTTP, no GraphQL, no Node service layer.
const { createHash } = require('node:crypto');
const { Client } = require('pg');
const { summarize } = require('../support/stats');

const S = {
  resolve: `SELECT id, kind FROM lineage_node WHERE (kind, lower(key)) IN (('MODEL', lower($1)), ('MODEL', lower($2)), ('DATASET', lower($3)))`,
  claim: `INSERT INTO lineage_node(kind, key) VALUES ('CHECKPOINT', $1) ON CONFLICT (kind, lower(key)) DO NOTHING RETURNING id`,
  checkpoint: `INSERT INTO checkpoint(id, model_id, digest, uris, format, size_bytes, registered_by, registration)
               VALUES ($1, $2, $3, '{}', 'SAFETENSORS', NULL, 'bench', $4)`,
  // A new node has no descendants, so no source can be one; the walk still runs, as for any edge.
  cycle: `WITH RECURSIVE down(id) AS (SELECT $1::bigint UNION SELECT e.derived_id FROM down JOIN lineage_edge e ON e.source_id = down.id)
          SELECT EXISTS (SELECT 1 FROM down WHERE id = ANY($2::bigint[])) AS cycle`,
  edges: `INSERT INTO lineage_edge(derived_id, source_id, relation, origin, justification, collector, observed_at, confidence, recorded_by)
          SELECT $1::bigint, s, r, 'PIPELINE_DECLARATION', 'Declared by bench at registration', 'bench', now(), 1, 'bench'
          FROM unnest($2::bigint[], $3::lineage_relation[]) AS u(s, r) RETURNING id`,
  audit: `INSERT INTO audit_event(actor_token_id, actor, operation, input_digest, touched_ids) VALUES (NULL, 'bench', 'registerCheckpoint', $1, $2) RETURNING id`,
  outbox: `INSERT INTO event_outbox(type, subject, payload, audit_event_id) VALUES ('checkpoint.registered', $1, $2, $3)`,
};

async function registerOnce(c, refs, digest) {
  await c.query('BEGIN');
  try {
    const nodes = (await c.query({ name: 'raw-resolve', text: S.resolve, values: [refs.model, refs.base, refs.dataset] })).rows;
    const model = nodes.find((n) => n.kind === 'MODEL' && String(n.id) === String(refs.modelId)) ?? nodes[0];
    const sources = [refs.modelId, refs.baseId, refs.datasetId];
    const [{ id }] = (await c.query({ name: 'raw-claim', text: S.claim, values: [digest] })).rows;
    await c.query({ name: 'raw-checkpoint', text: S.checkpoint, values: [id, model.id, digest, JSON.stringify({ digest })] });
    await c.query({ name: 'raw-cycle', text: S.cycle, values: [id, sources] });
    const edges = (await c.query({ name: 'raw-edges', text: S.edges, values: [id, sources, ['CHECKPOINT_OF', 'FINETUNE', 'TRAINED_ON']] })).rows;
    const inputDigest = createHash('sha256').update(digest).digest('hex');
    const [audit] = (await c.query({ name: 'raw-audit', text: S.audit, values: [inputDigest, [id, ...edges.map((e) => e.id)]] })).rows;
    await c.query({
      name: 'raw-outbox',
      text: S.outbox,
      values: [JSON.stringify({ type: 'CHECKPOINT', id: String(id), key: digest }), JSON.stringify({ model: { id: String(model.id) } }), audit.id],
    });
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}

/** Closed loop: `clients` connections, each registering as soon as its last one committed. */
async function rawRegistration({ databaseUrl, refs, clients, seconds, warmup = 30, prefix }) {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  let n = 0;
  const digest = () => `sha256:${createHash('sha256').update(`${prefix}-${n++}`).digest('hex')}`;
  try {
    await Promise.all(
      conns.map(async (c) => {
        for (let i = 0; i < warmup; i++) await registerOnce(c, refs, digest());
      }),
    );
    const latencies = [];
    const started = Date.now();
    const end = started + seconds * 1000;
    await Promise.all(
      conns.map(async (c) => {
        while (Date.now() < end) {
          const t = process.hrtime.bigint();
          await registerOnce(c, refs, digest());
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }),
    );
    const s = summarize(latencies);
    return { clients, perSecond: s.n / ((Date.now() - started) / 1000), p50: s.p50, p99: s.p99, count: s.n };
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

/** The ids and keys the registration phase uses, resolved once. */
async function registrationRefs(client, { model, base, dataset }) {
  const { rows } = await client.query(
    `SELECT kind::text, key, id::text FROM lineage_node WHERE (kind, lower(key)) IN (('MODEL', lower($1)), ('MODEL', lower($2)), ('DATASET', lower($3)))`,
    [model, base, dataset],
  );
  const id = (kind, key) => rows.find((r) => r.kind === kind && r.key.toLowerCase() === key.toLowerCase())?.id;
  return { model, base, dataset, modelId: id('MODEL', model), baseId: id('MODEL', base), datasetId: id('DATASET', dataset) };
}

module.exports = { rawRegistration, registrationRefs };
