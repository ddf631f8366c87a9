'use strict';
// Which seeded models the suite asks about. Deterministic for the same data: a seeded PRNG, no ORDER BY random().
const { seededRandom } = require('../support/stats');

const HAS_ANCESTOR = `EXISTS (SELECT 1 FROM lineage_edge e WHERE e.derived_id = m.id
  AND NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id))`;

/**
 * "Typical" models: ids drawn uniformly (seeded) from the model id range, kept if the model has at
 * least one ancestor (a non-retracted edge of its own), in draw order until `count` are found.
 */
async function typicalModels(client, count, seed) {
  const {
    rows: [range],
  } = await client.query('SELECT min(id)::float8 AS lo, max(id)::float8 AS hi FROM model');
  const rng = seededRandom(seed);
  const chosen = [];
  const seen = new Set();
  for (let attempt = 0; chosen.length < count && attempt < 50; attempt++) {
    const draw = [];
    while (draw.length < count * 2) {
      const id = range.lo + Math.floor(rng() * (range.hi - range.lo + 1));
      if (!seen.has(id)) {
        seen.add(id);
        draw.push(id);
      }
    }
    const { rows } = await client.query(`SELECT m.id::text, m.name FROM model m WHERE m.id = ANY($1::bigint[]) AND ${HAS_ANCESTOR}`, [draw]);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    for (const id of draw) if (byId.has(id) && chosen.length < count) chosen.push(byId.get(id));
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} models with an ancestor found; need ${count}`);
  return chosen;
}

/** Models with the most direct derivatives (any relation but CHECKPOINT_OF): candidates for the largest base. */
async function baseCandidates(client, limit) {
  const { rows } = await client.query(
    `SELECT m.id::text, m.name, count(*)::int AS direct FROM lineage_edge e JOIN model m ON m.id = e.source_id
     WHERE e.relation <> 'CHECKPOINT_OF' GROUP BY m.id, m.name ORDER BY count(*) DESC, m.id LIMIT $1`,
    [limit],
  );
  return rows;
}

/** Distinct descendants by SQL (non-retracted edges, CHECKPOINT_OF included), as a cross-check of impact's count. */
async function descendantCount(client, id) {
  const {
    rows: [r],
  } = await client.query(
    `WITH RECURSIVE down(node_id) AS (
       SELECT $1::bigint
       UNION
       SELECT e.derived_id FROM down JOIN lineage_edge e ON e.source_id = down.node_id
       WHERE NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id)
     )
     SELECT count(*)::int - 1 AS n FROM down`,
    [id],
  );
  return r.n;
}

async function firstDataset(client) {
  const {
    rows: [r],
  } = await client.query('SELECT id::text, name FROM dataset ORDER BY id LIMIT 1');
  return r;
}

/** A dataset with no lineage of its own and no edge into the model yet: the source of one new, acyclic TRAINED_ON edge. */
async function sourceDataset(client, modelName) {
  const {
    rows: [r],
  } = await client.query(
    `SELECT d.name FROM dataset d WHERE NOT EXISTS (SELECT 1 FROM lineage_edge e WHERE e.derived_id = d.id)
       AND NOT EXISTS (SELECT 1 FROM lineage_edge e JOIN lineage_node m ON m.id = e.derived_id
                       WHERE e.source_id = d.id AND m.kind = 'MODEL' AND lower(m.key) = lower($1))
     ORDER BY d.id DESC LIMIT 1`,
    [modelName],
  );
  return r.name;
}

module.exports = { typicalModels, baseCandidates, descendantCount, firstDataset, sourceDataset };
