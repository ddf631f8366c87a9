'use strict';
// Issue-14 figures: the cost of 10 enabled policies at the registerCheckpoint gate, against the same
// run with them disabled, and the background re-evaluation of every descendant of the largest base
// after one edge is asserted into it, with a simple query's latency sampled meanwhile.
const { gql } = require('../support/registry-process');
const { registrationLoad } = require('../support/registration-load');
const { median, summarize } = require('../support/stats');

const GATE_LIMIT = 0.25;
const REEVALUATION_LIMIT_MS = 60_000;
const SIMPLE_P99_LIMIT_MS = 250;
const MIN_DESCENDANTS = 200_000;

/**
 * Ten rules of the kinds the packs hold, over every part of the facts: ancestors with their kinds,
 * countries, owners and licenses, rollups, and deployments. None matches the synthetic catalog: the
 * figure is the gate on a compliant registration, the common case, where `exists` must look at every
 * ancestor (a match would stop early, and a DENY would refuse the load).
 */
const POLICIES = [
  ['no-cn-weights', 'DENY', 'ancestors.exists(a, "WEIGHTS" in a.kinds && a.vendorCountry == "XX")'],
  ['no-sanctioned-owners', 'DENY', 'ancestors.exists(a, a.ownerCountries.exists(c, c in ["KP", "IR", "SY", "CU"]))'],
  [
    'no-competing-model-teachers',
    'DENY',
    'ancestors.exists(a, "DISTILLATION" in a.kinds && a.licenseTerms != null && a.licenseTerms.forbidsCompetingModels == true && a.access == "API_ONLY" && a.vendor == "no-such-vendor")',
  ],
  [
    'no-noderivatives-bases',
    'DENY',
    'ancestors.exists(a, a.depth == 1.0 && a.licenseTerms != null && a.licenseTerms.noDerivatives && a.name == "no-such-model")',
  ],
  ['unavoidable-vendor', 'DENY', '"no-such-vendor" in rollups.unavoidableVendors'],
  ['prod-high-criticality-foreign', 'DENY', 'deployments.exists(d, d.environment == "PRODUCTION" && d.criticality == "HIGH" && d.country == "XX")'],
  ['deep-merges', 'DENY', 'ancestors.exists(a, "MERGE" in a.relations && a.depth > 30.0)'],
  ['unknown-country', 'WARN', 'rollups.countries.exists(c, c.country == "KP")'],
  ['license-drift', 'WARN', 'rollups.licenseDrift.exists(d, d.reason == "SHARE_ALIKE_DROPPED" && d.ancestorLicense == "no-such-license")'],
  ['vendor-concentration', 'WARN', 'rollups.concentration.topVendorShare > 1.5'],
];

const DEFINE = `mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`;
const ENABLE = `mutation($k: String!, $e: Boolean!) { setPolicyEnabled(key: $k, enabled: $e) { key } }`;
const STATUS = `{ policyReevaluationStatus { pendingChanges pendingSubjects } }`;
const SIMPLE = `query($id: ID!) { model(id: $id) { id name } }`;

async function definePolicies(url, enabled) {
  for (const [key, effect, condition] of POLICIES)
    await gql(url, DEFINE, {
      i: {
        key: `bench-${key}`,
        name: `bench ${key}`,
        description: 'A benchmark rule; see bench/suite/policy.phase.js.',
        documentRef: 'bench/suite/policy.phase.js',
        effect,
        severity: 'HIGH',
        enabled,
        condition,
        scope: { subjects: ['MODEL', 'CHECKPOINT', 'DEPLOYMENT'] },
      },
    });
}

const setEnabled = async (url, enabled) => {
  for (const [key] of POLICIES) await gql(url, ENABLE, { k: `bench-${key}`, e: enabled });
};

/**
 * Rounds alternate off, on, off, on … on one server, so both sides see the same table sizes and the
 * same machine noise. The server runs with the worker off: each policy version queues every subject
 * for re-evaluation, and that backlog is not what this figure measures.
 */
async function policyGatePhase({ url, input, clients, seconds, rounds, log }) {
  await definePolicies(url, false);
  const off = [];
  const on = [];
  for (let r = 0; r < rounds * 2; r++) {
    const enabled = r % 2 === 1;
    await setEnabled(url, enabled);
    const x = await registrationLoad({ url, clients, seconds, warmupPerClient: r < 2 ? 50 : 10, digestPrefix: `policy-${process.pid}-${r}`, input });
    log(
      `policy gate ${enabled ? 'on ' : 'off'} round ${Math.floor(r / 2) + 1}: ${x.perSecond.toFixed(0)}/s, p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(1)} ms`,
    );
    (enabled ? on : off).push(x);
  }
  const side = (xs) => ({ perSecond: median(xs.map((x) => x.perSecond)), p50: median(xs.map((x) => x.p50)), p99: median(xs.map((x) => x.p99)), rounds: xs });
  const result = { policies: POLICIES.length, off: side(off), on: side(on) };
  result.addedP50 = result.on.p50 / result.off.p50 - 1;
  result.addedP99 = result.on.p99 / result.off.p99 - 1;
  result.throughputDrop = 1 - result.on.perSecond / result.off.perSecond;
  log(`policy gate: p50 +${(result.addedP50 * 100).toFixed(1)} %, p99 +${(result.addedP99 * 100).toFixed(1)} % (limit ${GATE_LIMIT * 100} %)`);
  return result;
}

/**
 * One edge is asserted into the largest base (a dataset it was trained on), on a server whose worker
 * is on and whose queue is empty, so every subject below the base is re-evaluated. Meanwhile one
 * client sends `model(id)` sequentially; its latencies are the simple-query figure.
 */
async function reevaluationPhase({ url, base, dataset, simpleModelId, descendants, log }) {
  const status = async () => (await gql(url, STATUS)).policyReevaluationStatus;
  const before = await status();
  if (before.pendingChanges || before.pendingSubjects) throw new Error(`the re-evaluation queue is not empty: ${JSON.stringify(before)}`);
  let sampling = true;
  const latencies = [];
  const sampler = (async () => {
    while (sampling) {
      const t = process.hrtime.bigint();
      await gql(url, SIMPLE, { id: simpleModelId });
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const started = Date.now();
  await gql(url, `mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
    i: {
      derived: { model: base },
      source: { dataset },
      relation: 'TRAINED_ON',
      evidence: { origin: 'PIPELINE_DECLARATION', justification: 'bench: one edge under the largest base', collector: 'bench' },
    },
  });
  let peak = 0;
  for (;;) {
    const last = await status();
    peak = Math.max(peak, last.pendingSubjects);
    if (!last.pendingChanges && !last.pendingSubjects) break;
    if (Date.now() - started > 20 * REEVALUATION_LIMIT_MS)
      throw new Error(`re-evaluation still pending after ${20 * REEVALUATION_LIMIT_MS} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const elapsedMs = Date.now() - started;
  sampling = false;
  await sampler;
  const simple = summarize(latencies);
  log(
    `re-evaluation of ${descendants.toLocaleString('en')} descendants (peak queue ${peak.toLocaleString('en')}): ${(elapsedMs / 1000).toFixed(1)} s ` +
      `(limit ${REEVALUATION_LIMIT_MS / 1000} s); model(id) meanwhile p50 ${simple.p50.toFixed(1)} ms, p99 ${simple.p99.toFixed(1)} ms (limit ${SIMPLE_P99_LIMIT_MS} ms)`,
  );
  return { base, descendants, peakQueue: peak, elapsedMs, simple };
}

/** Non-retracted descendants of the base, deployments aside: the subjects the edge concerns. */
async function descendantCount(client, baseName) {
  const { rows } = await client.query(
    `WITH RECURSIVE base AS (SELECT id FROM lineage_node WHERE kind = 'MODEL' AND lower(key) = lower($1)),
     down(id) AS (SELECT id FROM base UNION
       SELECT e.derived_id FROM down JOIN lineage_edge e ON e.source_id = down.id
       WHERE NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id))
     SELECT count(*)::int - 1 AS n FROM down`,
    [baseName],
  );
  return rows[0].n;
}

/** Empties the queues the policy definitions filled (the worker was off), before the re-evaluation figure. */
async function clearBackfill(client) {
  const { rows } = await client.query(
    `WITH c AS (DELETE FROM policy_reevaluation RETURNING 1), t AS (DELETE FROM policy_evaluation_task RETURNING 1)
     SELECT (SELECT count(*) FROM c)::int AS changes, (SELECT count(*) FROM t)::int AS tasks`,
  );
  return rows[0];
}

module.exports = {
  policyGatePhase,
  reevaluationPhase,
  descendantCount,
  clearBackfill,
  POLICIES,
  GATE_LIMIT,
  REEVALUATION_LIMIT_MS,
  SIMPLE_P99_LIMIT_MS,
  MIN_DESCENDANTS,
};
