'use strict';
// impact rollup of the largest base, GraphQL end to end. The largest base is the candidate (most direct
// derivatives) whose impact reports the most affected descendants; SQL counts them again as a check.
const { gql } = require('../support/registry-process');
const { summarize, timed } = require('../support/stats');
const { inProcessWalk } = require('./in-process-walk');
const { baseCandidates, descendantCount } = require('./workload');

const IMPACT = `query($m: String!) { impact(of: { model: $m }) { affectedCount byKind { kind count } deploymentCount } }`;

async function impactPhase({ url, client, candidates = 8, warmup = 3, runs = 30, log }) {
  let base = null;
  for (const c of await baseCandidates(client, candidates)) {
    const { impact } = await gql(url, IMPACT, { m: c.name });
    if (!base || impact.affectedCount > base.impact.affectedCount) base = { ...c, impact };
  }
  log(`largest base: ${base.name} (${base.direct} direct derivatives, ${base.impact.affectedCount} affected)`);
  for (let i = 0; i < warmup; i++) await gql(url, IMPACT, { m: base.name });
  const latencies = [];
  for (let i = 0; i < runs; i++) latencies.push((await timed(() => gql(url, IMPACT, { m: base.name })))[1]);
  const sqlDescendants = await descendantCount(client, base.id);
  const walk = await inProcessWalk({ client, rootId: base.id });
  log(`in-process walk of ${base.name}: p50 ${walk.p50.toFixed(2)} ms, ${walk.descendants} descendants`);
  return { base: base.name, direct: base.direct, ...base.impact, sqlDescendants, latency: summarize(latencies), walk };
}

module.exports = { impactPhase, IMPACT };
