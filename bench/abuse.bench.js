#!/usr/bin/env node
// Responsiveness under abuse: while 100 clients send the heaviest requests the limits let through,
// how long do `{ __typename }` and GET /health/live take? Target: p99 ≤ 250 ms for both.
// Usage: npm run bench:abuse [-- --models 1000000 --clients 100 --seconds 30 --docs]
'use strict';
const { randomBytes } = require('node:crypto');
const { writeSection } = require('./support/benchmarks-doc');
const { describeMachine, describeVersions, machine, revision, versions } = require('./support/environment');
const { createDatabase, dropDatabase, openPostgres, withClient } = require('./support/postgres');
const { startRegistry, TOKEN } = require('./support/registry-process');
const { summarize } = require('./support/stats');
const { seedPhase } = require('./suite/seed.phase');
const { baseCandidates } = require('./suite/workload');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { models: arg('models', 1_000_000), clients: arg('clients', 100), seconds: arg('seconds', 30), seed: arg('seed', 42) };
const writeDocs = process.argv.includes('--docs') || options.models >= 1_000_000;
const TARGET_P99_MS = 250;
const log = (line) => console.error(`[bench:abuse] ${line}`);

/** The heaviest requests that pass the default limits (cost 50,000, 30 aliases): walks and rollups of the largest base. */
const maximal = (base) => [
  {
    name: 'impact ×9',
    query: `query($m: String!) { ${Array.from({ length: 9 }, (_, i) => `i${i}: impact(of: { model: $m }) { affectedCount byKind { kind count } affected(first: 100) { edges { node { depth kinds } } } }`).join(' ')} }`,
    variables: { m: base },
  },
  {
    name: 'lineage ×4',
    query: `query($m: String!) { ${Array.from({ length: 4 }, (_, i) => `l${i}: lineage(of: { model: $m }, direction: DESCENDANTS, maxDepth: 100, first: 2000) { nodeCount nodes { depth node { name } } }`).join(' ')} }`,
    variables: { m: base },
  },
];

async function post(url, body) {
  const t = process.hrtime.bigint();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: res.status, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
}

async function abuse(url, base) {
  const kinds = maximal(base);
  for (const k of kinds) {
    const probe = await post(url, k);
    if (probe.codes.includes('LIMIT_EXCEEDED')) throw new Error(`"${k.name}" does not fit the default limits`);
    log(`${k.name}: ${probe.ms.toFixed(0)} ms alone (${probe.codes.length ? probe.codes.join(',') : 'ok'})`);
  }
  const until = Date.now() + options.seconds * 1000;
  const outcomes = {};
  const heavy = Array.from({ length: options.clients }, async (_, c) => {
    while (Date.now() < until) {
      const r = await post(url, kinds[c % kinds.length]);
      const key = r.codes.length ? r.codes[0] : 'ok';
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  });
  // Give the crowd a second to fill the queues before sampling.
  await new Promise((r) => setTimeout(r, 1000));
  const typename = [];
  const live = [];
  while (Date.now() < until) {
    typename.push((await post(url, { query: '{ __typename }' })).ms);
    const t = process.hrtime.bigint();
    const res = await fetch(`${url}/health/live`);
    await res.text();
    live.push(Number(process.hrtime.bigint() - t) / 1e6);
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(heavy);
  return { typename: summarize(typename), live: summarize(live), outcomes };
}

async function main() {
  const pg = await openPostgres();
  const name = `pedigree_bench_abuse_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await createDatabase(pg.adminUrl, name);
  let server = null;
  try {
    log(`seeding ${options.models} models into ${name}`);
    await seedPhase({ databaseUrl, models: options.models, seed: options.seed });
    server = await startRegistry({ databaseUrl });
    const { base, postgres } = await withClient(databaseUrl, async (client) => ({
      base: (await baseCandidates(client, 1))[0].name,
      postgres: (await client.query('SHOW server_version')).rows[0].server_version,
    }));
    log(`largest base ${base}; ${options.clients} clients for ${options.seconds} s`);
    const result = await abuse(server.url, base);
    const row = (label, s) =>
      `| ${label} | p99 ≤ ${TARGET_P99_MS} ms | p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (${s.n} samples) | ${s.p99 <= TARGET_P99_MS ? 'yes' : '**no**'} |`;
    const body = [
      `Run on ${new Date().toISOString()} at commit ${revision()}: ${describeVersions(versions(postgres))}, ${describeMachine(machine())}. Reproduce: \`npm run bench:abuse\`.`,
      '',
      `${options.clients} clients send, back to back for ${options.seconds} s, the heaviest requests the default limits accept, against a registry holding ${options.models.toLocaleString('en-US')} synthetic models; half send 9 aliased \`impact\` rollups of the largest base (\`${base}\`), half 4 aliased \`lineage\` descendants walks of it at depth 100 with 2,000 nodes a page. Meanwhile one probe, sequentially every 20 ms, sends \`{ __typename }\` and then GET \`/health/live\`.`,
      '',
      '| figure | target | measured | met? |',
      '|---|---|---|---|',
      row('`{ __typename }` under abuse', result.typename),
      row('`GET /health/live` under abuse', result.live),
      '',
      `Heavy requests answered: ${Object.entries(result.outcomes)
        .map(([k, v]) => `${v} ${k}`)
        .join(
          ', ',
        )}. Expensive requests take turns (\`PEDIGREE_HEAVY_REQUESTS\`, default 2); those that cannot get a turn within their deadline are answered \`TIMEOUT\` without having run, which is the registry shedding load rather than stalling.`,
    ].join('\n');
    console.log(body);
    if (writeDocs) log(`wrote ${writeSection('Abuse: responsiveness under maximal requests', body)}`);
  } finally {
    await server?.stop();
    await dropDatabase(pg.adminUrl, name).catch(() => undefined);
    await pg.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
