'use strict';
// The simplest read, model(id), under 50 concurrent connections with autocannon. Every response body
// must equal the one fetched beforehand, so errors answered with HTTP 200 are counted too.
const autocannon = require('autocannon');
const { TOKEN } = require('../support/registry-process');
const { median } = require('../support/stats');

async function modelByIdPhase({ url, modelId, connections = 50, seconds = 10, rounds = 2, warmupSeconds = 3, log }) {
  const body = JSON.stringify({ query: `{ model(id: "${modelId}") { id name } }` });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const expected = await (await fetch(`${url}/graphql`, { method: 'POST', headers, body })).text();
  if (!expected.includes('"name"')) throw new Error(`model(id) did not answer: ${expected}`);
  const cannon = (duration) => autocannon({ url: `${url}/graphql`, method: 'POST', headers, body, connections, duration, expectBody: expected });
  await cannon(warmupSeconds);
  const results = [];
  for (let r = 0; r < rounds; r++) {
    const x = await cannon(seconds);
    const round = {
      perSecond: x.requests.average,
      p50: x.latency.p50,
      p99: x.latency.p99,
      total: x.requests.total,
      non2xx: x.non2xx,
      errors: x.errors,
      timeouts: x.timeouts,
      mismatches: x.mismatches,
    };
    log(
      `model(id) round ${r + 1}: ${round.perSecond.toFixed(0)} req/s, p50 ${round.p50} ms, p99 ${round.p99} ms, non-2xx ${round.non2xx}, errors ${round.errors}, mismatches ${round.mismatches}`,
    );
    results.push(round);
  }
  const sum = (k) => results.reduce((a, r) => a + r[k], 0);
  return {
    perSecond: median(results.map((r) => r.perSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    total: sum('total'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    mismatches: sum('mismatches'),
    connections,
    seconds,
    rounds,
  };
}

module.exports = { modelByIdPhase };
