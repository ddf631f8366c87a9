'use strict';
// The hand-written SQL the benchmarks measure the registry against: what a careful engineer would
// write by hand for the same answer, run through `pg` directly. Kept here, as SQL is in the app.

/**
 * "Which countries does this model depend on?" as one SQL statement: ancestors over non-retracted
 * edges, each ancestor's country of origin from the node_origin view (the registry's one rule),
 * grouped by country. The view is filtered by the ancestor ids on its own: joined to the walk, the
 * planner scans all of it (seconds at 1M models), which is not what a careful hand would write.
 */
const SQL_ROLLUP = `
WITH RECURSIVE subject AS (
  SELECT id FROM lineage_node WHERE kind = 'MODEL' AND lower(key) = lower($1)
), up(node_id) AS (
  SELECT id FROM subject
  UNION
  SELECT e.source_id FROM up JOIN lineage_edge e ON e.derived_id = up.node_id
  WHERE NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id)
), ancestors AS (
  SELECT array_agg(node_id) AS ids FROM up WHERE node_id NOT IN (SELECT id FROM subject)
)
SELECT o.country, count(*)::int AS ancestors
FROM unnest((SELECT ids FROM ancestors)) AS a(node_id)
LEFT JOIN (SELECT node_id, country FROM node_origin WHERE node_id = ANY((SELECT ids FROM ancestors)::bigint[])) o ON o.node_id = a.node_id
GROUP BY 1 ORDER BY 2 DESC`;

const sqlRollup = (client, name) => client.query({ name: 'bench-country-rollup', text: SQL_ROLLUP, values: [name] });

/**
 * A batch of checkpoint registrations as one statement: the rows registerCheckpoints writes for
 * the suite's input (node, checkpoint with its registration, CHECKPOINT_OF + FINETUNE + TRAINED_ON,
 * one audit event and one outbox event each), with every trigger and constraint of the schema, and
 * none of the registry's checks, lookups or JSON. New nodes have no descendants, so, as in the
 * registry, there is nothing to check for cycles.
 */
const SQL_BATCH_REGISTRATION = `
WITH d AS (SELECT * FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS d(digest, model_id, n)),
node AS (INSERT INTO lineage_node(kind, key) SELECT 'CHECKPOINT', digest FROM d ORDER BY n RETURNING id, key),
cp AS (
  INSERT INTO checkpoint(id, model_id, digest, format, registered_by, registration)
  SELECT node.id, d.model_id, d.digest, 'SAFETENSORS', 'bench', jsonb_build_object('modelId', d.model_id::text, 'format', 'SAFETENSORS', 'registeredBy', 'bench')
  FROM node JOIN d ON d.digest = node.key RETURNING id, model_id, digest
), edge AS (
  INSERT INTO lineage_edge(derived_id, source_id, relation, origin, justification, collector, observed_at, confidence, recorded_by)
  SELECT cp.id, s.source_id, s.relation, 'PIPELINE_DECLARATION', 'Declared by bench at registration', 'bench', now(), 1, 'bench'
  FROM cp CROSS JOIN LATERAL (VALUES (cp.model_id, 'CHECKPOINT_OF'::lineage_relation), ($3::bigint, 'FINETUNE'), ($4::bigint, 'TRAINED_ON')) AS s(source_id, relation)
  RETURNING id, derived_id
), audit AS (
  INSERT INTO audit_event(actor, operation, input_digest, touched_ids)
  SELECT 'bench', 'registerCheckpoints', encode(sha256(convert_to(cp.digest, 'UTF8')), 'hex'), cp.id::text || g.ids
  FROM cp JOIN (SELECT derived_id, array_agg(id::text ORDER BY id) AS ids FROM edge GROUP BY 1) g ON g.derived_id = cp.id
  RETURNING id, touched_ids
)
INSERT INTO event_outbox(type, subject, payload, audit_event_id)
SELECT 'checkpoint.registered', jsonb_build_object('id', a.touched_ids[1], 'kind', 'CHECKPOINT'), '{}'::jsonb, a.id FROM audit a`;

/** One batch in its own transaction, as the registry commits one. */
async function sqlBatchRegistration(client, digests, modelIds, baseId, datasetId) {
  await client.query('BEGIN');
  try {
    await client.query({ name: 'bench-batch-registration', text: SQL_BATCH_REGISTRATION, values: [digests, modelIds, baseId, datasetId] });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

module.exports = { SQL_ROLLUP, sqlRollup, SQL_BATCH_REGISTRATION, sqlBatchRegistration };
