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

module.exports = { SQL_ROLLUP, sqlRollup };
