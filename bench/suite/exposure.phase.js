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

// The same answer as the registry knew it at a past moment (issue 17): walks and facts as recorded
// by then, which the in-memory index cannot serve, so they come from the recursive CTE.
const EXPOSURE_AS_OF = EXPOSURE.replace(
  'query($m: String!) { exposure(of: { model: $m })',
  'query($m: String!, $t: DateTime!) { exposure(of: { model: $m }, asOf: $t)',
);

const { SQL_ROLLUP, sqlRollup } = require('./raw-sql.repository');

/** Returns GraphQL and SQL latency summaries (median over rounds of each round's p50 and p99) and their ratio. */
async function exposurePhase({ url, client, models, rounds, log }) {
  // After the seed, before the phase: as of then the registry knew what it knows now, so both
  // answers must agree; the as-of one is computed the historical way all the same.
  const asOf = new Date(Date.now() - 1000).toISOString();
  // Warm-up pass, which also cross-checks that both answers name the same countries.
  let agree = 0;
  let asOfAgree = 0;
  let ancestors = 0;
  for (const m of models) {
    const g = (await gql(url, EXPOSURE, { m: m.name })).exposure;
    const past = (await gql(url, EXPOSURE_AS_OF, { m: m.name, t: asOf })).exposure;
    if (JSON.stringify(past.countries) === JSON.stringify(g.countries) && past.ancestorCount === g.ancestorCount) asOfAgree++;
    const s = (await sqlRollup(client, m.name)).rows;
    ancestors += g.ancestorCount;
    const gc = g.countries
      .map((c) => c.country ?? '-')
      .sort()
      .join(',');
    const sc = s
      .map((r) => r.country?.trim() ?? '-')
      .sort()
      .join(',');
    if (gc === sc) agree++;
  }
  log(
    `exposure warm-up: ${models.length} models, mean ${(ancestors / models.length).toFixed(1)} ancestors; GraphQL and SQL name the same countries for ${agree}; the asOf answer equals the current one for ${asOfAgree}`,
  );
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const gLat = [];
    const sLat = [];
    const aLat = [];
    for (const m of models) gLat.push((await timed(() => gql(url, EXPOSURE, { m: m.name })))[1]);
    for (const m of models) sLat.push((await timed(() => sqlRollup(client, m.name)))[1]);
    for (const m of models) aLat.push((await timed(() => gql(url, EXPOSURE_AS_OF, { m: m.name, t: asOf })))[1]);
    const round = { graphql: summarize(gLat), sql: summarize(sLat), asOf: summarize(aLat) };
    perRound.push(round);
    log(
      `exposure round ${r + 1}: GraphQL p50 ${round.graphql.p50.toFixed(2)} ms p99 ${round.graphql.p99.toFixed(2)} ms; SQL p50 ${round.sql.p50.toFixed(2)} ms p99 ${round.sql.p99.toFixed(2)} ms; asOf p50 ${round.asOf.p50.toFixed(2)} ms p99 ${round.asOf.p99.toFixed(2)} ms`,
    );
  }
  const side = (k) => ({ p50: median(perRound.map((r) => r[k].p50)), p99: median(perRound.map((r) => r[k].p99)), n: perRound.reduce((a, r) => a + r[k].n, 0) });
  const graphql = side('graphql');
  const sql = side('sql');
  const past = side('asOf');
  return {
    graphql,
    sql,
    ratioP50: graphql.p50 / sql.p50,
    ratioP99: graphql.p99 / sql.p99,
    asOf: { ...past, at: asOf, agree: asOfAgree, ratioP50: past.p50 / graphql.p50, ratioP99: past.p99 / graphql.p99 },
    models: models.length,
    rounds,
    meanAncestors: ancestors / models.length,
    countriesAgree: agree,
    perRound,
  };
}

module.exports = { exposurePhase, EXPOSURE, SQL_ROLLUP };
