#!/usr/bin/env node
// Alerts cost and latency on a small fresh catalog: registerCheckpoint throughput with 5 webhook
// subscriptions (each receiving every event) against none, alternating on one server, and the time
// from sending a registration to its delivery at a local receiver. The suite runs the same phase at 1M.
// Usage: npm run bench:alerts [-- --seconds 10 --clients 8 --rounds 2]; BENCH_PROF=<dir> writes the registry's CPU profile there.
'use strict';
const { writeSection } = require('./support/benchmarks-doc');
const { describeMachine, machine, revision } = require('./support/environment');
const { createDatabase, dropDatabase, openPostgres } = require('./support/postgres');
const { gql, startRegistry } = require('./support/registry-process');
const { alertsPhase } = require('./suite/alerts.phase');
const { alertsSection } = require('./suite/alerts.report');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { seconds: arg('seconds', 10), clients: arg('clients', 8), rounds: arg('rounds', 2) };
const EVIDENCE = { origin: 'PIPELINE_DECLARATION', justification: 'bench' };
const log = (line) => console.error(`[bench] ${line}`);

async function seed(url) {
  await gql(
    url,
    `mutation { registerOrganization(input: { slug: "bench", name: "Bench", country: "FR", kind: COMPANY, evidence: { origin: AUDIT_FINDING, justification: "bench" } }) { id } }`,
  );
  for (const m of ['bench/base', 'bench/ours'])
    await gql(url, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { name: m, access: 'OPEN_WEIGHTS', evidence: EVIDENCE } });
  const ds = await gql(url, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: 'bench/data', evidence: EVIDENCE } });
  return (digest) => ({
    model: { model: 'bench/ours' },
    digest,
    format: 'SAFETENSORS',
    registeredBy: 'bench',
    lineage: [
      { source: { model: 'bench/base' }, relation: 'FINETUNE' },
      { source: { id: ds.registerDataset.id }, relation: 'TRAINED_ON' },
    ],
  });
}

async function main() {
  const pg = await openPostgres();
  const name = `pedigree_bench_alerts_${process.pid}`;
  let result;
  try {
    const server = await startRegistry({
      databaseUrl: await createDatabase(pg.adminUrl, name),
      env: { PEDIGREE_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
      nodeArgs: process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : [],
    });
    try {
      const input = await seed(server.url);
      result = await alertsPhase({ url: server.url, input, clients: options.clients, seconds: options.seconds, rounds: options.rounds, log });
    } finally {
      await server.stop();
      await dropDatabase(pg.adminUrl, name);
    }
  } finally {
    await pg.stop();
  }
  const context = `${new Date().toISOString().slice(0, 10)}, revision ${revision()}, ${describeMachine(machine())}, embedded or configured PostgreSQL as \`npm run bench\` picks it; ${options.clients} clients, ${options.rounds} rounds of ${options.seconds} s per side, on a small catalog (2 models, 1 dataset).`;
  const body = alertsSection(result, context);
  console.log(`\n${body}\n`);
  if (!process.argv.includes('--no-docs')) console.log(`wrote ${writeSection('Alerts: webhook cost and delivery latency', body)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
