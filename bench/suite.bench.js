#!/usr/bin/env node
// The benchmark suite: one fresh database seeded with the synthetic generator, one registry on it,
// every figure of docs/benchmarks.md measured in this one run. Not part of `npm test`.
// Usage: npm run bench [-- --models 1000000 --seed 42 --docs --out results.json]
'use strict';
const { writeFileSync } = require('node:fs');
const { loadavg } = require('node:os');
const { writeSection } = require('./support/benchmarks-doc');
const { machine, revision, versions } = require('./support/environment');
const { createDatabase, dropDatabase, openPostgres, withClient } = require('./support/postgres');
const { registrationLoad } = require('./support/registration-load');
const { TOKEN, startRegistry } = require('./support/registry-process');
const { median } = require('./support/stats');
const { batchRegistrationPhase, rawBatchRegistrationPhase } = require('./suite/batch-registration.phase');
const { cutOffPhase } = require('./suite/cut-off.phase');
const { exposurePhase } = require('./suite/exposure.phase');
const { bareFrameworkPhase, floorPhase } = require('./suite/floor.phase');
const { rawRegistration, registrationRefs } = require('./suite/raw-registration');
const { impactPhase } = require('./suite/impact.phase');
const { modelByIdPhase } = require('./suite/model-by-id.phase');
const { alertsPhase } = require('./suite/alerts.phase');
const { clearBackfill, descendantCount, policyGatePhase, reevaluationPhase } = require('./suite/policy.phase');
const { FULL_SCALE, rows, section, table } = require('./suite/report');
const { seedPhase } = require('./suite/seed.phase');
const { startUpPhase } = require('./suite/start-up.phase');
const { webAppPhase, webAppSubjects, webAppTitle } = require('./suite/web-app.phase');
const { webAppSection } = require('./suite/web-app.report');
const { firstDataset, sourceDataset, typicalModels } = require('./suite/workload');

const flag = (name) => process.argv.includes(`--${name}`);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = {
  models: arg('models', FULL_SCALE),
  seed: arg('seed', 42),
  typical: arg('typical', 200),
  exposureRounds: arg('exposure-rounds', 5),
  starts: arg('starts', 3),
  baseCandidates: 8,
  registrationClients: 8,
  registrationSeconds: arg('registration-seconds', 10),
  registrationRounds: arg('registration-rounds', 2),
  policyRounds: arg('policy-rounds', 2),
  webRuns: arg('web-runs', 5),
};
// Only a full-scale run rewrites the docs, unless asked: a smoke run must not replace the 1M figures.
const writeDocs = flag('docs') || (options.models >= FULL_SCALE && !flag('no-docs'));
const log = (line) => console.error(`[bench] ${line}`);
const started = Date.now();

function rssSampler(server) {
  let max = 0;
  const tick = () => {
    try {
      max = Math.max(max, server.memory().rss);
    } catch {
      // the process is gone; keep what was seen
    }
  };
  tick();
  const timer = setInterval(tick, 250);
  return { now: () => server.memory().rss, stop: () => (clearInterval(timer), tick(), max) };
}

async function registrationPhase({ url, models, base, dataset }) {
  const input = checkpointInput({ models, base, dataset });
  const rounds = [];
  for (let r = 0; r < options.registrationRounds; r++) {
    const x = await registrationLoad({
      url,
      clients: options.registrationClients,
      seconds: options.registrationSeconds,
      warmupPerClient: r === 0 ? 50 : 10,
      digestPrefix: `suite-${process.pid}-${r}`,
      input,
    });
    log(`registration round ${r + 1}: ${x.perSecond.toFixed(0)}/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms (${x.count})`);
    rounds.push(x);
  }
  return { perSecond: median(rounds.map((x) => x.perSecond)), p50: median(rounds.map((x) => x.p50)), p99: median(rounds.map((x) => x.p99)), rounds };
}

/** registerCheckpoint inputs: a fresh digest of one of the typical models, FINETUNE from the base, TRAINED_ON a dataset. */
function checkpointInput({ models, base, dataset }) {
  let k = 0;
  return (digest) => ({
    model: { model: models[k++ % models.length].name },
    digest,
    format: 'SAFETENSORS',
    registeredBy: 'bench',
    lineage: [
      { source: { model: base }, relation: 'FINETUNE' },
      { source: { dataset: dataset.name }, relation: 'TRAINED_ON' },
    ],
  });
}

/**
 * The issue-14 figures, each on its own server after the main phases: the gate with the worker off
 * (policy versions queue every subject, a backlog this figure is not about), then the re-evaluation of
 * one edge with the worker on and that backlog cleared.
 */
async function policyPhases({ databaseUrl, client, models, base, dataset }) {
  const gateServer = await startRegistry({ databaseUrl, env: { PEDIGREE_POLICY_WORKER: 'off' } });
  let gate;
  try {
    gate = await policyGatePhase({
      url: gateServer.url,
      input: checkpointInput({ models, base, dataset }),
      clients: options.registrationClients,
      seconds: options.registrationSeconds,
      rounds: options.policyRounds,
      log,
    });
  } finally {
    await gateServer.stop();
  }
  gate.backfillCleared = await clearBackfill(client);
  const descendants = await descendantCount(client, base);
  const source = await sourceDataset(client, base);
  const server = await startRegistry({ databaseUrl });
  try {
    const reevaluation = await reevaluationPhase({ url: server.url, base, dataset: source, simpleModelId: models[0].id, descendants, log });
    return { gate, reevaluation };
  } finally {
    await server.stop();
  }
}

/** The issue-15 figures on their own server, which may reach the receiver on 127.0.0.1. */
async function alertsOnItsServer({ databaseUrl, models, base, dataset }) {
  const server = await startRegistry({ databaseUrl, env: { PEDIGREE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
  try {
    return await alertsPhase({
      url: server.url,
      input: checkpointInput({ models, base, dataset }),
      clients: options.registrationClients,
      seconds: options.registrationSeconds,
      rounds: options.registrationRounds,
      log,
    });
  } finally {
    await server.stop();
  }
}

/** The issue-18 batch figure on its own server, and the same rows by raw SQL beside it. */
async function batchOnItsServer({ databaseUrl, client, models, base, dataset }) {
  const server = await startRegistry({ databaseUrl });
  let batch;
  try {
    batch = await batchRegistrationPhase({
      url: server.url,
      input: checkpointInput({ models, base, dataset }),
      seconds: options.registrationSeconds,
      rounds: options.registrationRounds,
      log,
    });
  } finally {
    await server.stop();
  }
  const baseId = (await client.query(`SELECT id::text FROM lineage_node WHERE kind = 'MODEL' AND key = $1`, [base])).rows[0].id;
  batch.rawSql = await rawBatchRegistrationPhase({
    databaseUrl,
    modelIds: models.map((m) => m.id),
    baseId,
    datasetId: dataset.id,
    seconds: options.registrationSeconds,
    rounds: options.registrationRounds,
    log,
  });
  return batch;
}

/** The issue-16 figures: the web app in headless Chromium, on its own server, after every load phase. */
async function webAppOnItsServer({ databaseUrl, client }) {
  const server = await startRegistry({ databaseUrl });
  try {
    return await webAppPhase({ url: server.url, token: TOKEN, ...(await webAppSubjects(client, options.seed)), runs: options.webRuns, log });
  } finally {
    await server.stop();
  }
}

async function run(pg, databaseUrl) {
  // Other work on the machine skews every figure; the load average before the run goes on record.
  const r = {
    options,
    date: new Date().toISOString(),
    revision: revision(),
    machine: machine(),
    embedded: pg.embedded,
    loadBefore: loadavg(),
    indexMode: process.env.PEDIGREE_LINEAGE_INDEX ?? 'memory (the default)',
  };
  log(`seeding ${options.models.toLocaleString('en')} models`);
  r.seed = await seedPhase({ databaseUrl, models: options.models, seed: options.seed });
  log(`seeded: ${r.seed.edgesPerSecond.toLocaleString('en')} edges/s over ${r.seed.loadSeconds} s`);
  r.startUp = await startUpPhase({ databaseUrl, starts: options.starts, log });

  await withClient(databaseUrl, async (client) => {
    r.versions = versions((await client.query('SHOW server_version')).rows[0].server_version);
    const models = await typicalModels(client, options.typical, options.seed);
    const dataset = await firstDataset(client);
    const server = await startRegistry({ databaseUrl });
    const rss = rssSampler(server);
    try {
      log(`registry ready at ${server.url} in ${(server.startupMs / 1000).toFixed(2)} s (load server, not counted)`);
      r.exposure = await exposurePhase({ url: server.url, client, models, rounds: options.exposureRounds, log });
      const afterWarmup = rss.now();
      r.impact = await impactPhase({ url: server.url, client, candidates: options.baseCandidates, log });
      log(`impact: p50 ${r.impact.latency.p50.toFixed(1)} ms, p99 ${r.impact.latency.p99.toFixed(1)} ms`);
      r.cutOff = await cutOffPhase({ url: server.url, client, log });
      r.modelById = await modelByIdPhase({ url: server.url, modelId: models[0].id, log });
      r.floor = await floorPhase({ url: server.url, log });
      r.bare = await bareFrameworkPhase({ databaseUrl, modelId: models[0].id, log });
      r.registration = await registrationPhase({ url: server.url, models, base: r.impact.base, dataset });
      // The same registration's statements through pg, with the registry idle on the same database.
      const refs = await registrationRefs(client, { model: models[0].name, base: r.impact.base, dataset: dataset.name });
      const raw = (clients) => rawRegistration({ databaseUrl, refs, clients, seconds: options.registrationSeconds, prefix: `raw-${process.pid}-${clients}` });
      r.rawRegistration = { one: await raw(1), eight: await raw(8) };
      log(`raw-SQL registration: ${r.rawRegistration.one.perSecond.toFixed(0)}/s with 1 client, ${r.rawRegistration.eight.perSecond.toFixed(0)}/s with 8`);
      r.rss = { afterWarmup, afterLoad: rss.now(), max: rss.stop(), hwm: server.memory().hwm };
    } finally {
      rss.stop();
      await server.stop();
    }
    r.policy = await policyPhases({ databaseUrl, client, models, base: r.impact.base, dataset });
    r.alerts = await alertsOnItsServer({ databaseUrl, models, base: r.impact.base, dataset });
    r.webApp = await webAppOnItsServer({ databaseUrl, client });
    // Last: its tens of thousands of checkpoints under the largest base would change every figure after it.
    r.batchRegistration = await batchOnItsServer({ databaseUrl, client, models, base: r.impact.base, dataset });
  });
  r.elapsedSeconds = (Date.now() - started) / 1000;
  return r;
}

async function main() {
  if (options.models < FULL_SCALE) log(`smoke run at ${options.models} models: the figures are only valid at ${FULL_SCALE.toLocaleString('en')}`);
  const pg = await openPostgres();
  const name = `pedigree_bench_suite_${process.pid}`;
  let result;
  try {
    result = await run(pg, await createDatabase(pg.adminUrl, name));
  } finally {
    await dropDatabase(pg.adminUrl, name).catch((e) => log(`could not drop ${name}: ${e.message}`));
    await pg.stop();
  }
  console.log(`\n${table(result)}\n`);
  const missed = rows(result)
    .filter((x) => x.met === false)
    .map((x) => x.figure);
  console.log(missed.length ? `${missed.length} target(s) missed: ${missed.join('; ')}` : 'every target met');
  if (result.options.models < FULL_SCALE)
    console.log(`smoke run at ${result.options.models} models: the figures are only valid at ${FULL_SCALE.toLocaleString('en')} models`);
  const out = process.argv[process.argv.indexOf('--out') + 1];
  if (flag('out')) writeFileSync(out, JSON.stringify(result, null, 2));
  if (writeDocs) {
    console.log(`wrote ${writeSection('Suite', section(result))}`);
    const context = `Measured by \`npm run bench\` (see the suite's section for the machine, versions and load average), on its catalog of ${result.options.models.toLocaleString('en')} models after the other phases.`;
    writeSection(webAppTitle(result.options.models), webAppSection(result.webApp, context));
  } else console.log(`docs/benchmarks.md not written (${flag('no-docs') ? '--no-docs' : 'smoke run; pass --docs to write anyway'})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
