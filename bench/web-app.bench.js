#!/usr/bin/env node
// Issue 16's "Fast" figures on a fresh synthetic catalog: the web app in headless Chromium (model
// page FCP, the 2,000-node lineage view drawn and answering a click, panning frame rate). The suite
// runs the same phase at 1M; this one seeds a smaller catalog by default so it finishes in minutes.
// Usage: npm run bench:web [-- --models 100000 --seed 42 --runs 5 --no-docs]
'use strict';
const { loadavg } = require('node:os');
const { writeSection } = require('./support/benchmarks-doc');
const { describeMachine, machine, revision } = require('./support/environment');
const { createDatabase, dropDatabase, openPostgres, withClient } = require('./support/postgres');
const { TOKEN, startRegistry } = require('./support/registry-process');
const { seedPhase } = require('./suite/seed.phase');
const { webAppPhase, webAppSubjects, webAppTitle } = require('./suite/web-app.phase');
const { webAppSection } = require('./suite/web-app.report');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { models: arg('models', 100_000), seed: arg('seed', 42), runs: arg('runs', 5) };
const log = (line) => console.error(`[bench] ${line}`);

async function main() {
  const pg = await openPostgres();
  const name = `pedigree_bench_web_${process.pid}`;
  const load = loadavg();
  let result;
  try {
    const databaseUrl = await createDatabase(pg.adminUrl, name);
    log(`seeding ${options.models.toLocaleString('en')} models`);
    const seed = await seedPhase({ databaseUrl, models: options.models, seed: options.seed });
    const server = await startRegistry({ databaseUrl });
    try {
      result = await webAppPhase({
        url: server.url,
        token: TOKEN,
        ...(await withClient(databaseUrl, (c) => webAppSubjects(c, options.seed))),
        runs: options.runs,
        log,
      });
      result.catalog = seed.counts;
    } finally {
      await server.stop();
    }
  } finally {
    await dropDatabase(pg.adminUrl, name).catch((e) => log(`could not drop ${name}: ${e.message}`));
    await pg.stop();
  }
  // Other engineers' tests share the 2 cores; the load average before and after the run goes on record.
  const avg = (xs) => xs.map((x) => x.toFixed(2)).join(' / ');
  const context =
    `${new Date().toISOString().slice(0, 10)}, revision ${revision()}, ${describeMachine(machine())}, load average (1 / 5 / 15 min) ${avg(load)} before the run and ${avg(loadavg())} after it ` +
    `(the cores are shared with other engineers' test runs), ${pg.embedded ? 'embedded' : 'configured'} PostgreSQL; ` +
    `a fresh synthetic catalog of ${options.models.toLocaleString('en')} models (seed ${options.seed}), the registry, PostgreSQL and Chromium on the same machine.`;
  const body = webAppSection(result, context);
  console.log(`\n${body}\n`);
  if (!process.argv.includes('--no-docs')) console.log(`wrote ${writeSection(webAppTitle(options.models), body)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
