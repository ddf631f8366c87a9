'use strict';
// cutOffScenario for the largest vendor (the ultimate owner publishing the most models), GraphQL end to
// end, against the issue-14 limit of 2 s. It lists the default page of deployments with their substitutes.
const { gql } = require('../support/registry-process');
const { summarize, timed } = require('../support/stats');

const CUT_OFF_LIMIT_MS = 2000;
const CUT_OFF = `query($org: String!) { cutOffScenario(of: { organization: $org }) {
  affectedDeploymentCount truncated withoutSubstitute { criticality count }
  deployments { deployment { name } criticality substitutes { rank closeness model { name } } }
} }`;

/** The root organization whose subtree publishes the most models. */
async function largestVendor(client) {
  const {
    rows: [v],
  } = await client.query(
    `SELECT o.slug, count(*)::int AS models FROM model m JOIN organization_root r ON r.organization_id = m.publisher_id
     JOIN organization o ON o.id = r.root_id GROUP BY o.slug ORDER BY count(*) DESC, o.slug LIMIT 1`,
  );
  return v;
}

/** A failure (e.g. the request limit) is a result too: the figure is reported as missed, the run goes on. */
async function cutOffPhase(options) {
  try {
    return await measureCutOff(options);
  } catch (e) {
    options.log(`cut-off failed: ${e.message.slice(0, 300)}`);
    return { error: e.message.slice(0, 300) };
  }
}

async function measureCutOff({ url, client, warmup = 2, runs = 10, log }) {
  const vendor = await largestVendor(client);
  let answer = null;
  for (let i = 0; i < warmup; i++) answer = (await gql(url, CUT_OFF, { org: vendor.slug })).cutOffScenario;
  const latencies = [];
  for (let i = 0; i < runs; i++) latencies.push((await timed(() => gql(url, CUT_OFF, { org: vendor.slug })))[1]);
  const latency = summarize(latencies);
  const listed = answer.deployments.length;
  const withSubstitutes = answer.deployments.filter((d) => d.substitutes.length).length;
  log(
    `cut-off of ${vendor.slug} (${vendor.models} models): ${answer.affectedDeploymentCount} deployments, ${withSubstitutes}/${listed} listed with substitutes; ` +
      `p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (limit ${CUT_OFF_LIMIT_MS} ms)`,
  );
  return { vendor: vendor.slug, models: vendor.models, affectedDeploymentCount: answer.affectedDeploymentCount, listed, withSubstitutes, latency };
}

module.exports = { cutOffPhase, CUT_OFF, CUT_OFF_LIMIT_MS };
