'use strict';
// exposure of typical models, GraphQL end to end, against a hand-written recursive-CTE rollup on the
// same data in the same run. Rounds interleave the two so drift in the machine's state favours neither.
const { gql } = require('../support/registry-process');
const { median, summarize, timed } = require('../support/stats');

const EXPOSURE = `query($m: String!) { exposure(of: { model: $m }) {
  ancestorCount
  countries { country countryName ancestorCount kinds nearestDepth }
  vendors { vendorName country ancestorCount kinds }
  distillationSources { name country direct }
  licenses { expression kinds }
} }`;

/**
 * "Which countries does this model depend on?" as one SQL statement: ancestors over non-retracted
 * edges, each ancestor's country (its override, else the highest owner of its publisher with a
 * known country, as the organization_root view defines it), grouped by country. The ownership walk
 * starts from the publishers in the ancestry only, as a careful hand-written query would.
 */
const SQL_ROLLUP = `
WITH RECURSIVE subject AS (
  SELECT id FROM lineage_node WHERE kind = 'MODEL' AND lower(key) = lower($1)
), up(node_id) AS (
  SELECT id FROM subject
  UNION
  SELECT e.source_id FROM up JOIN lineage_edge e ON e.derived_id = up.node_id
  WHERE NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id)
), ancestor AS (
  SELECT up.node_id, COALESCE(m.country_override, d.country_override, cm.country_override) AS override,
         COALESCE(m.publisher_id, d.publisher_id, cm.publisher_id) AS publisher_id
  FROM up
  LEFT JOIN model m ON m.id = up.node_id
  LEFT JOIN dataset d ON d.id = up.node_id
  LEFT JOIN checkpoint c ON c.id = up.node_id
  LEFT JOIN model cm ON cm.id = c.model_id
  WHERE up.node_id NOT IN (SELECT id FROM subject)
), chain(publisher_id, parent_id, country, depth) AS (
  SELECT o.id, o.parent_id, o.country, 0 FROM organization o WHERE o.id IN (SELECT publisher_id FROM ancestor)
  UNION ALL
  SELECT c.publisher_id, o.parent_id, o.country, c.depth + 1 FROM chain c JOIN organization o ON o.id = c.parent_id WHERE c.depth < 32
), publisher_country AS (
  SELECT DISTINCT ON (publisher_id) publisher_id, country FROM chain WHERE country IS NOT NULL ORDER BY publisher_id, depth DESC
)
SELECT COALESCE(a.override, pc.country) AS country, count(*)::int AS ancestors
FROM ancestor a LEFT JOIN publisher_country pc ON pc.publisher_id = a.publisher_id
GROUP BY 1 ORDER BY 2 DESC`;

const sqlRollup = (client, name) => client.query({ name: 'bench-country-rollup', text: SQL_ROLLUP, values: [name] });

/** Returns GraphQL and SQL latency summaries (median over rounds of each round's p50 and p99) and their ratio. */
async function exposurePhase({ url, client, models, rounds, log }) {
  // Warm-up pass, which also cross-checks that both answers name the same countries.
  let agree = 0;
  let ancestors = 0;
  for (const m of models) {
    const g = (await gql(url, EXPOSURE, { m: m.name })).exposure;
    const s = (await sqlRollup(client, m.name)).rows;
    ancestors += g.ancestorCount;
    const gc = g.countries.map((c) => c.country ?? '-').sort().join(',');
    const sc = s.map((r) => r.country?.trim() ?? '-').sort().join(',');
    if (gc === sc) agree++;
  }
  log(`exposure warm-up: ${models.length} models, mean ${(ancestors / models.length).toFixed(1)} ancestors; GraphQL and SQL name the same countries for ${agree}`);
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const gLat = [];
    const sLat = [];
    for (const m of models) gLat.push((await timed(() => gql(url, EXPOSURE, { m: m.name })))[1]);
    for (const m of models) sLat.push((await timed(() => sqlRollup(client, m.name)))[1]);
    const round = { graphql: summarize(gLat), sql: summarize(sLat) };
    perRound.push(round);
    log(`exposure round ${r + 1}: GraphQL p50 ${round.graphql.p50.toFixed(2)} ms p99 ${round.graphql.p99.toFixed(2)} ms; SQL p50 ${round.sql.p50.toFixed(2)} ms p99 ${round.sql.p99.toFixed(2)} ms`);
  }
  const side = (k) => ({ p50: median(perRound.map((r) => r[k].p50)), p99: median(perRound.map((r) => r[k].p99)), n: perRound.reduce((a, r) => a + r[k].n, 0) });
  const graphql = side('graphql');
  const sql = side('sql');
  return {
    graphql, sql, ratioP50: graphql.p50 / sql.p50, ratioP99: graphql.p99 / sql.p99,
    models: models.length, rounds, meanAncestors: ancestors / models.length, countriesAgree: agree, perRound,
  };
}

module.exports = { exposurePhase, EXPOSURE, SQL_ROLLUP };
