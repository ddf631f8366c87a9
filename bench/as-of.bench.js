#!/usr/bin/env node
// Issue 17's figure: `exposure(asOf:)` of typical models as a ratio to the current-time answer
// (limit ≤ 3×), with the raw-SQL rollup beside both, measured in one run on a fresh synthetic
// catalog. The suite measures the same inside its exposure phase; this runs that phase alone.
// Usage: npm run bench:asof [-- --models 1000000 --typical 200 --rounds 5 --no-docs]
'use strict';
const { loadavg } = require('node:os');
const { writeSection } = require('./support/benchmarks-doc');
const { describeMachine, machine, revision } = require('./support/environment');
const { createDatabase, dropDatabase, openPostgres, withClient } = require('./support/postgres');
const { startRegistry } = require('./support/registry-process');
const { exposurePhase } = require('./suite/exposure.phase');
const { seedPhase } = require('./suite/seed.phase');
const { typicalModels } = require('./suite/workload');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { models: arg('models', 1_000_000), typical: arg('typical', 200), rounds: arg('rounds', 5), seed: 42 };
const log = (line) => console.error(`[bench] ${line}`);
const ms = (x) => `${x.toFixed(2)} ms`;

async function main() {
  const pg = await openPostgres();
  const name = `pedigree_bench_asof_${process.pid}`;
  const before = loadavg();
  let e;
  let counts;
  try {
    const databaseUrl = await createDatabase(pg.adminUrl, name);
    log(`seeding ${options.models.toLocaleString('en')} models`);
    counts = (await seedPhase({ databaseUrl, models: options.models, seed: options.seed })).counts;
    const server = await startRegistry({ databaseUrl });
    try {
      e = await withClient(databaseUrl, async (client) =>
        exposurePhase({ url: server.url, client, models: await typicalModels(client, options.typical, options.seed), rounds: options.rounds, log }),
      );
    } finally {
      await server.stop();
    }
  } finally {
    await dropDatabase(pg.adminUrl, name).catch((err) => log(`could not drop ${name}: ${err.message}`));
    await pg.stop();
  }
  const avg = (xs) => xs.map((x) => x.toFixed(2)).join(' / ');
  const met = e.asOf.ratioP50 <= 3;
  const body = `${new Date().toISOString().slice(0, 10)}, revision ${revision()}, ${describeMachine(machine())}, load average (1 / 5 / 15 min) ${avg(before)} before the run and ${avg(loadavg())} after it, ${pg.embedded ? 'embedded' : 'configured'} PostgreSQL; a fresh synthetic catalog of ${options.models.toLocaleString('en')} models (seed ${options.seed}, ${counts.checkpoint.toLocaleString('en')} checkpoints, ${counts.lineage_edge.toLocaleString('en')} lineage edges). Reproduce: \`npm run bench:asof\`.

| Figure | Measured | Limit | Met |
|---|---|---|---|
| \`exposure(asOf:)\` of a typical model, as a ratio to the current-time \`exposure\` in the same run | p50 ${e.asOf.ratioP50.toFixed(2)}× (${ms(e.asOf.p50)} vs ${ms(e.graphql.p50)}), p99 ${e.asOf.ratioP99.toFixed(2)}× (${ms(e.asOf.p99)} vs ${ms(e.graphql.p99)}) | ≤ 3× | ${met ? 'yes' : '**no**'} |

${e.models} typical models (mean ${e.meanAncestors.toFixed(1)} ancestors), ${e.rounds} rounds; each round queries every model once sequentially with the current-time query, then runs the raw-SQL rollup for every model (p50 ${ms(e.sql.p50)}), then the same query with \`asOf: "${e.asOf.at}"\`, a second before the phase and after the seed, so the registry knew then what it knows now; the past is answered by the recursive CTE over the recorded times and the fact history (\`organization_root_at\`, \`ownership_stake_at\`), not the in-memory index. Medians over rounds of each round's p50 and p99. The as-of answer named the same countries and ancestor count as the current one for ${e.asOf.agree} of ${e.models} models.`;
  console.log(`\n${body}\n`);
  if (!process.argv.includes('--no-docs')) console.log(`wrote ${writeSection(`As-of exposure (${options.models.toLocaleString('en')} models)`, body)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
