'use strict';
// The suite's table (figure / target / measured / met?) and its section of docs/benchmarks.md.
const { describeMachine, describeVersions } = require('../support/environment');
const { EXPOSURE, SQL_ROLLUP } = require('./exposure.phase');
const { IMPACT } = require('./impact.phase');
const { CUT_OFF_LIMIT_MS } = require('./cut-off.phase');
const { BATCH_LIMIT } = require('./batch-registration.phase');
const { alertsRows } = require('./alerts.report');
const { webAppTitle } = require('./web-app.phase');
const { webAppRows } = require('./web-app.report');
const { GATE_LIMIT, MIN_DESCENDANTS, POLICIES, REEVALUATION_LIMIT_MS, SIMPLE_P99_LIMIT_MS } = require('./policy.phase');

const FULL_SCALE = 1_000_000;
const n = (x) => Math.round(x).toLocaleString('en');
const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const mb = (bytes) => `${n(bytes / 1e6)} MB`;
/** `null`: the row is a limit measured for the ratios beside it, not a target. */
const yes = (ok) => (ok === null ? '(limit)' : ok ? 'yes' : '**no**');
const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

function policyRows(p) {
  if (!p) return []; // results saved before the policy phases existed
  const { gate, reevaluation: e } = p;
  return [
    [
      `\`registerCheckpoint\` with ${gate.policies} enabled policies, against the same run with them off`,
      `≤ ${pct(GATE_LIMIT)} latency`,
      `p50 ${ms(gate.on.p50)} vs ${ms(gate.off.p50)} (${pct(gate.addedP50)}), p99 ${ms(gate.on.p99)} vs ${ms(gate.off.p99)} (${pct(gate.addedP99)}); ${n(gate.on.perSecond)}/s vs ${n(gate.off.perSecond)}/s`,
      gate.addedP50 <= GATE_LIMIT,
    ],
    [
      're-evaluation of every descendant of the largest base after one edge, in the background',
      `≤ ${REEVALUATION_LIMIT_MS / 1000} s, ≥ ${n(MIN_DESCENDANTS)} descendants`,
      `${(e.elapsedMs / 1000).toFixed(1)} s for ${n(e.descendants)} descendants`,
      e.elapsedMs <= REEVALUATION_LIMIT_MS && e.descendants >= MIN_DESCENDANTS,
    ],
    [
      'simple query (`model(id)`, one client) during that re-evaluation',
      `p99 ≤ ${SIMPLE_P99_LIMIT_MS} ms`,
      `p50 ${ms(e.simple.p50)}, p99 ${ms(e.simple.p99)} (${n(e.simple.n)} samples)`,
      e.simple.p99 <= SIMPLE_P99_LIMIT_MS,
    ],
  ];
}

function policyLines(p) {
  if (!p) return '';
  const { gate, reevaluation: e } = p;
  return `- **Policy gate:** a server with the policy worker off runs the registerCheckpoint load above with ${gate.policies} policies defined (scope MODEL, CHECKPOINT, DEPLOYMENT; ${POLICIES.filter((x) => x[1] === 'DENY').length} DENY and ${POLICIES.filter((x) => x[1] === 'WARN').length} WARN, none of which the synthetic catalog matches, so each \`exists\` reads every ancestor; conditions in \`bench/suite/policy.phase.js\`). Rounds alternate disabled / enabled (\`setPolicyEnabled\`) on the same server so both sides see the same tables; medians of ${gate.on.rounds.length} rounds each. Off: ${gate.off.rounds.map((x) => `${n(x.perSecond)}/s p50 ${ms(x.p50)}`).join('; ')}. On: ${gate.on.rounds.map((x) => `${n(x.perSecond)}/s p50 ${ms(x.p50)}`).join('; ')}. Defining and toggling the policies queued ${n(gate.backfillCleared.changes)} policy changes and ${n(gate.backfillCleared.tasks)} subjects, cleared before the next figure (re-evaluating the whole catalog for a new policy is a different figure).
- **Re-evaluation:** a new server with the worker on (the default) and an empty queue; one \`assertLineage\` of \`${e.base}\` TRAINED_ON a dataset, then \`policyReevaluationStatus\` polled every 200 ms until nothing is pending: ${(e.elapsedMs / 1000).toFixed(1)} s from the mutation, peak ${n(e.peakQueue)} subjects queued, ${n(e.descendants)} descendants by SQL. Meanwhile one client sent \`model(id)\` every 5 ms.
`;
}

function batchLine(b) {
  if (!b) return '';
  return `- **registerCheckpoints:** last of all, on its own server (its checkpoints hang under the largest base and would change the figures after it), ${b.clients} closed-loop clients each send batches of ${n(b.batchSize)} new checkpoints (the registerCheckpoint input above: FINETUNE, TRAINED_ON, plus CHECKPOINT_OF), audit trail on; checkpoints written over wall time, HTTP included; ${b.rounds.length} rounds after 2 warm-up batches, median shown. Rounds: ${b.rounds.map((x) => `${n(x.perSecond)}/s, batch p50 ${ms(x.batchP50)}`).join('; ')}. Raw SQL: the same rows (node, checkpoint, 3 edges, audit event, outbox event per checkpoint) as one hand-written statement per batch through \`pg\` (\`bench/suite/raw-sql.repository.js\`), same clients and batch size, one transaction per batch: ${b.rawSql.rounds.map((x) => `${n(x.perSecond)}/s`).join('; ')}.
`;
}

function rows(r) {
  const e = r.exposure;
  const i = r.impact;
  const g = r.registration;
  const a = r.modelById;
  const out = [
    [
      '`exposure` of a typical model, GraphQL end to end',
      'p50 ≤ 3 ms, p99 ≤ 15 ms',
      `p50 ${ms(e.graphql.p50)}, p99 ${ms(e.graphql.p99)}`,
      e.graphql.p50 <= 3 && e.graphql.p99 <= 15,
    ],
    [
      'the same, as a ratio to the raw-SQL rollup',
      '≤ 2×',
      `p50 ${e.ratioP50.toFixed(2)}× (SQL ${ms(e.sql.p50)}), p99 ${e.ratioP99.toFixed(2)}× (SQL ${ms(e.sql.p99)})`,
      e.ratioP50 <= 2,
    ],
    // Results saved before issue 17's asOf existed have no `asOf`.
    ...(e.asOf
      ? [
          [
            '`exposure(asOf:)` of the same models, as a ratio to the current-time answer',
            '≤ 3×',
            `p50 ${e.asOf.ratioP50.toFixed(2)}× (${ms(e.asOf.p50)} vs ${ms(e.graphql.p50)}), p99 ${e.asOf.ratioP99.toFixed(2)}× (${ms(e.asOf.p99)})`,
            e.asOf.ratioP50 <= 3,
          ],
        ]
      : []),
    [
      `\`impact\` rollup of the largest base, end to end`,
      'p50 ≤ 100 ms, ≥ 200k descendants',
      `p50 ${ms(i.latency.p50)}, p99 ${ms(i.latency.p99)}; ${n(i.affectedCount)} descendants`,
      i.latency.p50 <= 100 && i.affectedCount >= 200_000,
    ],
    ...(i.walk
      ? [
          [
            'the in-process walk of the same root (arrays, no GraphQL, no rollup)',
            'measured limit',
            `p50 ${ms(i.walk.p50)}; ${n(i.walk.descendants)} descendants`,
            null,
          ],
          [
            '`impact` of the largest base, as a ratio to the in-process walk',
            '≤ 2×',
            `p50 ${(i.latency.p50 / i.walk.p50).toFixed(2)}×`,
            i.latency.p50 / i.walk.p50 <= 2,
          ],
        ]
      : []),
    // Results saved before the cut-off phase existed have no `cutOff`.
    ...(r.cutOff?.error
      ? [['`cutOffScenario` of the largest vendor, end to end', `p50 ≤ ${n(CUT_OFF_LIMIT_MS / 1000)} s`, `failed: ${r.cutOff.error}`, false]]
      : []),
    ...(r.cutOff && !r.cutOff.error
      ? [
          [
            '`cutOffScenario` of the largest vendor, end to end',
            `p50 ≤ ${n(CUT_OFF_LIMIT_MS / 1000)} s`,
            `p50 ${ms(r.cutOff.latency.p50)}, p99 ${ms(r.cutOff.latency.p99)}; ${r.cutOff.vendor}, ${n(r.cutOff.affectedDeploymentCount)} deployments`,
            r.cutOff.latency.p50 <= CUT_OFF_LIMIT_MS,
          ],
        ]
      : []),
    ...policyRows(r.policy),
    // Results saved before the alerts phase existed have no alerts figures.
    ...(r.alerts ? alertsRows(r.alerts).map((x) => [x.figure, x.limit, x.value, x.met]) : []),
    ...(r.webApp ? webAppRows(r.webApp).map((x) => [`web app: ${x.figure}`, x.limit, x.value, x.met]) : []),
    [
      '`registerCheckpoint`, 2 edges, 8 clients, audit on',
      '≥ 2,000/s, p99 ≤ 30 ms',
      `${n(g.perSecond)}/s, p50 ${ms(g.p50)}, p99 ${ms(g.p99)}`,
      g.perSecond >= 2000 && g.p99 <= 30,
    ],
    ...(r.rawRegistration
      ? [
          [
            'the raw-SQL registration (its statements through `pg`, 1 and 8 clients)',
            'measured limit',
            `${n(r.rawRegistration.one.perSecond)}/s with 1 client (p50 ${ms(r.rawRegistration.one.p50)}), ${n(r.rawRegistration.eight.perSecond)}/s with 8 (p50 ${ms(r.rawRegistration.eight.p50)})`,
            null,
          ],
          [
            '`registerCheckpoint`, 8 clients, as a ratio to the raw-SQL registration with 8',
            '≥ 0.8×',
            `${(g.perSecond / r.rawRegistration.eight.perSecond).toFixed(2)}×`,
            g.perSecond / r.rawRegistration.eight.perSecond >= 0.8,
          ],
        ]
      : []),
    // Results saved before the batch phase existed have no `batchRegistration`.
    ...(r.batchRegistration
      ? [
          [
            `\`registerCheckpoints\`, batches of ${n(r.batchRegistration.batchSize)}, ${r.batchRegistration.clients} clients, audit on`,
            `≥ ${n(BATCH_LIMIT)} checkpoints/s`,
            `${n(r.batchRegistration.perSecond)}/s (${r.batchRegistration.ratio.toFixed(2)}× the limit), batch p50 ${ms(r.batchRegistration.batchP50)}, p99 ${ms(r.batchRegistration.batchP99)}; the same rows by raw SQL ${n(r.batchRegistration.rawSql.perSecond)}/s (registry ${(r.batchRegistration.perSecond / r.batchRegistration.rawSql.perSecond).toFixed(2)}× of it)`,
            r.batchRegistration.perSecond >= BATCH_LIMIT,
          ],
        ]
      : []),
    [
      '`model(id)`, 50 connections (autocannon)',
      '≥ 8,000 req/s',
      `${n(a.perSecond)} req/s, p50 ${a.p50} ms, p99 ${a.p99} ms`,
      a.perSecond >= 8000 && a.non2xx + a.errors + a.mismatches === 0,
    ],
    // Issue 18's limits, measured in this run; results saved before they existed have none.
    ...(r.floor
      ? [
          [
            'the floor: `{ __typename }` (HTTP, GraphQL and auth, no data)',
            'measured limit',
            `sequential p50 ${ms(r.floor.sequential.p50)}, p99 ${ms(r.floor.sequential.p99)}; ${n(r.floor.concurrent.perSecond)} req/s at ${r.floor.concurrent.connections} connections`,
            null,
          ],
          [
            '`exposure` of a typical model, as a ratio to the floor',
            '≤ 2×',
            `p50 ${(e.graphql.p50 / r.floor.sequential.p50).toFixed(2)}× (${ms(e.graphql.p50)} vs ${ms(r.floor.sequential.p50)})`,
            e.graphql.p50 / r.floor.sequential.p50 <= 2,
          ],
        ]
      : []),
    ...(r.bare
      ? [
          [
            'bare Fastify + Mercurius answering the same `model(id)`, 50 connections',
            'measured limit',
            `${n(r.bare.perSecond)} req/s, p50 ${r.bare.p50} ms, p99 ${r.bare.p99} ms`,
            null,
          ],
          [
            '`model(id)` at 50 connections, as a ratio to the bare framework',
            '≥ 0.6×',
            `${(a.perSecond / r.bare.perSecond).toFixed(2)}× (${n(a.perSecond)} vs ${n(r.bare.perSecond)} req/s)`,
            a.perSecond / r.bare.perSecond >= 0.6,
          ],
        ]
      : []),
    [
      'bulk import, whole catalog (every table, indexes rebuilt), per edge',
      '≥ 100k edges/s',
      `${n(r.seed.edgesPerSecond)} edges/s`,
      r.seed.edgesPerSecond >= 100_000,
    ],
    [
      'bulk import, lineage edges alone (COPY into lineage_edge)',
      '≥ 100k edges/s',
      `${n(r.seed.edgeCopyPerSecond)} edges/s`,
      r.seed.edgeCopyPerSecond >= 100_000,
    ],
    ['API process RSS with the index loaded', '≤ 1 GB', `${mb(r.rss.max)} (peak VmHWM ${mb(r.rss.hwm)})`, r.rss.max <= 1e9],
    ['start-up to ready', '≤ 10 s', `${(r.startUp.medianMs / 1000).toFixed(2)} s (median of ${r.startUp.samples.length})`, r.startUp.medianMs <= 10_000],
  ];
  return out.map(([figure, target, measured, met]) => ({ figure, target, measured, met }));
}

function table(r) {
  return [
    '| figure | target | measured | met? |',
    '|---|---|---|---|',
    ...rows(r).map((x) => `| ${x.figure} | ${x.target} | ${x.measured} | ${yes(x.met)} |`),
  ].join('\n');
}

function scaleLine(r) {
  const c = r.seed.counts;
  return (
    `${n(c.model)} models, ${n(c.checkpoint)} checkpoints, ${n(c.dataset)} datasets, ${n(c.lineage_edge)} lineage edges ` +
    `(${n(c.lineage_retraction ?? 0)} retracted), ${n(c.organization)} organizations, ${n(c.deployment ?? 0)} deployments`
  );
}

function smokeWarning(r) {
  return r.options.models < FULL_SCALE
    ? `**Smoke run at ${n(r.options.models)} models: the figures are only valid at ${n(FULL_SCALE)} (\`npm run bench\` without --models).**\n\n`
    : '';
}

function section(r) {
  const e = r.exposure;
  const i = r.impact;
  const g = r.registration;
  const a = r.modelById;
  const idx = r.startUp.index;
  const o = r.options;
  return (
    `${smokeWarning(r)}Run on ${r.date} at commit ${r.revision ?? 'unknown'}, ${(r.elapsedSeconds / 60).toFixed(1)} min in all. Reproduce: \`npm run bench\` ` +
    `(\`-- --models 20000\` for a quick smoke run).

- **Machine:** ${describeMachine(r.machine)}. The load generators run on the same machine and share its cores with the server and PostgreSQL. Load average before the run (1, 5, 15 min): ${r.loadBefore.map((x) => x.toFixed(2)).join(', ')}, i.e. how busy the machine was with other work.
- **Versions:** ${describeVersions(r.versions)}. PostgreSQL ${r.embedded ? 'is the embedded one the registry starts, with its default settings' : 'from DATABASE_URL'}.
- **Scale:** ${scaleLine(r)}; generator seed ${o.seed}. Lineage index mode ${r.indexMode}; it ${idx ? `loaded ${n(idx.nodes)} nodes and ${n(idx.edges)} edges in ${n(idx.ms)} ms` : 'did not report its size (no "lineage index loaded" log line)'}.

${table(r)}

How each figure is measured (all from this one run, one fresh database):

- **Bulk import:** \`seed:synthetic --models ${o.models} --json\` into the empty, migrated database; lineage_edge rows divided by the load transaction's time (COPY of every table, index and constraint rebuild, commit): ${r.seed.loadSeconds.toFixed(1)} s. lineage_edge alone streamed at ${n(r.seed.edgeCopyPerSecond)} edges/s.
- **Start-up to ready:** spawn of \`node dist/apps/registry/src/main.js\` until it prints \`PEDIGREE_READY\`, ${r.startUp.samples.length} starts on the seeded database, median. Each: ${r.startUp.samples.map((s) => `${(s.ms / 1000).toFixed(2)} s`).join(', ')}.
- **RSS:** VmRSS of the server process from /proc, sampled every 250 ms from its ready line to the end of the load phases; the maximum is shown (after warm-up ${mb(r.rss.afterWarmup)}, after the load phases ${mb(r.rss.afterLoad)}). VmHWM is the kernel's peak, start-up included.
- **exposure:** ${e.models} typical models: ids drawn with a seeded PRNG (mulberry32, seed ${o.seed}) uniformly from the model id range, kept when the model has at least one non-retracted lineage edge of its own; mean ${e.meanAncestors.toFixed(1)} ancestors. One warm-up pass, then ${e.rounds} rounds; each round queries every model once, sequentially, over HTTP keep-alive with \`fetch\`, then runs the SQL rollup for every model. Shown: the median over rounds of each round's p50 and p99 (${n(e.graphql.n)} GraphQL and ${n(e.sql.n)} SQL samples in all). The query:
  \`\`\`graphql
${EXPOSURE.split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
  \`\`\`
- **Raw-SQL rollup:** one prepared statement through \`pg\` on one connection: the ancestors of the model by recursive CTE over non-retracted edges, each ancestor's country (override, else the highest owner of its publisher with a known country), grouped by country. Both answers named the same set of countries for ${e.countriesAgree} of ${e.models} models.
  \`\`\`sql
${SQL_ROLLUP.trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
  \`\`\`
${e.asOf ? `- **exposure(asOf:)**: the same query with \`asOf: "${e.asOf.at}"\` (a second before the phase, after the seed, so the registry knew then what it knows now), run for every model after the SQL rollup in each round; the past is answered from the recorded times by the recursive CTE, not the in-memory index. The as-of answer named the same countries and ancestor count as the current one for ${e.asOf.agree} of ${e.models} models.\n` : ''}- **impact:** the largest base is, among the ${o.baseCandidates} models with the most direct derivatives, the one whose impact reports the most affected nodes: \`${i.base}\` (${n(i.direct)} direct derivatives, ${n(i.affectedCount)} affected, ${n(i.deploymentCount)} deployments; SQL counts ${n(i.sqlDescendants)} distinct descendants). ${i.latency.n} sequential runs after 3 warm-ups; p99 of ${i.latency.n} runs is close to the maximum (${ms(i.latency.max)}). Query: \`${IMPACT.replace(/^query\(\$m: String!\) /, '').replace('$m', `"${i.base}"`)}\`.
- **registerCheckpoint:** ${o.registrationClients} closed-loop clients over HTTP, each a new checkpoint (fresh digest) of one of the typical models, with FINETUNE from the largest base and TRAINED_ON a seeded dataset (plus the automatic CHECKPOINT_OF), audit trail on; ${g.rounds.length} rounds of ${o.registrationSeconds} s after a warm-up; medians of the rounds shown. Rounds: ${g.rounds.map((x) => `${n(x.perSecond)}/s p50 ${ms(x.p50)} p99 ${ms(x.p99)}`).join('; ')}.
${batchLine(r.batchRegistration)}- **model(id):** autocannon, ${a.connections} connections, POST \`{ model(id: "…") { id name } }\` with the bearer token, ${a.rounds} runs of ${a.seconds} s after a 3 s warm-up; average req/s and latency percentiles, medians of the runs. ${n(a.total)} requests: ${a.non2xx} non-2xx, ${a.errors} errors, ${a.timeouts} timeouts, ${a.mismatches} bodies different from the expected answer.
${i.walk ? `- **The in-process walk:** the non-retracted edges read once into a children adjacency (CSR, Int32Arrays) in the benchmark process, then a breadth-first walk from \`${i.base}\` timed alone, ${n(i.walk.edges)} edges, median of 30 walks after 3 warm-up ones (\`bench/suite/in-process-walk.js\`).\n` : ''}${r.rawRegistration ? `- **The raw-SQL registration:** \`bench/suite/raw-registration.js\`: per registration one transaction of 7 prepared statements through \`pg\` (resolve the model, base and dataset by key, claim the checkpoint node, insert the checkpoint, the cycle walk from the new node, the three edges CHECKPOINT_OF, FINETUNE and TRAINED_ON, the audit event, the outbox event), closed-loop clients for ${o.registrationSeconds} s each after 30 warm-up registrations per client, with the registry idle on the same database; the tables' triggers fire as for the registry. The audit chain is hashed by the registry in the background in both cases.\n` : ''}${r.floor ? `- **The floor:** \`{ __typename }\` with the bearer token, ${n(r.floor.sequential.n)} requests one after another after 200 warm-up ones (p50, p99), then autocannon at ${r.floor.concurrent.connections} connections as for model(id).\n` : ''}${r.bare ? `- **The bare framework:** \`bench/support/bare-server.js\`, its own process: Fastify + Mercurius (graphql-jit as the registry sets it) and a \`pg\` pool of 10, answering \`model(id) { id name }\` with one prepared SELECT from the same table and no authentication, guards, limits or loaders; autocannon as for model(id) (${r.bare.bad} bad answers).\n` : ''}${policyLines(r.policy)}- Phases run in this order on one server: warm-up, exposure with SQL, impact, cut-off, model(id), the floor and the bare framework, registration (last, because it adds checkpoints); then the policy gate and the re-evaluation, each on its own server; then the alerts phase (5 webhook subscriptions to a receiver in the benchmark process, each receiving every event, enabled and disabled in alternating rounds of the registration load) on its own server${r.webApp ? `; then the web app in headless Chromium on its own server (how, in the section "${webAppTitle(o.models)}")` : ''}${r.batchRegistration ? '; then registerCheckpoints on its own server, and the same rows by raw SQL' : ''}.
`
  );
}

module.exports = { rows, table, section, FULL_SCALE };
