'use strict';
// The alerts figures beside their limits, as a table; shared by `npm run bench` and `npm run bench:alerts`.
const { DELIVERY_P50_LIMIT_MS, DELIVERY_P99_LIMIT_MS, THROUGHPUT_DROP_LIMIT } = require('./alerts.phase');

/** Rows of { figure, value, limit, met } for the suite's table. */
function alertsRows(a) {
  return [
    {
      figure: `registerCheckpoint throughput with ${a.subscriptions} webhook subscriptions vs none`,
      value: `${a.on.perSecond.toFixed(0)}/s vs ${a.off.perSecond.toFixed(0)}/s (${(a.throughputDrop * 100).toFixed(1)} % lower)`,
      limit: `≤ ${THROUGHPUT_DROP_LIMIT * 100} % lower`,
      met: a.throughputDrop <= THROUGHPUT_DROP_LIMIT,
    },
    {
      figure: 'registration sent → delivery at a local receiver, p50',
      value: `${a.delivery.p50.toFixed(0)} ms (${a.delivery.n.toLocaleString('en')} deliveries)`,
      limit: `≤ ${DELIVERY_P50_LIMIT_MS} ms`,
      met: a.delivery.p50 <= DELIVERY_P50_LIMIT_MS,
    },
    {
      figure: 'registration sent → delivery at a local receiver, p99',
      value: `${a.delivery.p99.toFixed(0)} ms (max ${a.delivery.max.toFixed(0)} ms)`,
      limit: `≤ ${DELIVERY_P99_LIMIT_MS} ms`,
      met: a.delivery.p99 <= DELIVERY_P99_LIMIT_MS,
    },
  ];
}

function alertsSection(a, context) {
  const rows = alertsRows(a);
  const table = [
    '| Figure | Measured | Limit | Met |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.limit} | ${r.met ? 'yes' : '**no**'} |`),
  ];
  const rounds = (side) => side.rounds.map((x) => `${x.perSecond.toFixed(0)}/s`).join(', ');
  return [
    context,
    '',
    ...table,
    '',
    `Rounds without subscriptions: ${rounds(a.off)}; with: ${rounds(a.on)} (alternating on one server; medians above).`,
    `Registration latency p50 ${a.off.p50.toFixed(1)} → ${a.on.p50.toFixed(1)} ms, p99 ${a.off.p99.toFixed(1)} → ${a.on.p99.toFixed(1)} ms.`,
    'The receiver runs in the benchmark process on the same 2 cores as the load generator, the registry and PostgreSQL.',
  ].join('\n');
}

module.exports = { alertsRows, alertsSection };
