'use strict';
// Issue 18's limits measured beside the figures, in the same run on the same machine:
// - the floor: `{ __typename }`, HTTP + GraphQL + auth with no data, sequentially and at 50 connections;
// - the bare framework: a minimal Fastify + Mercurius process answering `model(id)` from the same table.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { ROOT } = require('../support/paths');
const { TOKEN } = require('../support/registry-process');
const { median, summarize, timed } = require('../support/stats');

const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

async function post(url, body) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
  const text = await res.text();
  if (!res.ok || text.includes('"errors"')) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** Median over rounds of autocannon's average req/s, every body checked against the expected one. */
async function cannonRounds(url, body, { connections = 50, seconds = 10, rounds = 2, warmupSeconds = 3 } = {}) {
  const expected = await post(url, body);
  const cannon = (duration) => autocannon({ url: `${url}/graphql`, method: 'POST', headers, body, connections, duration, expectBody: expected });
  await cannon(warmupSeconds);
  const results = [];
  for (let r = 0; r < rounds; r++) {
    const x = await cannon(seconds);
    results.push({ perSecond: x.requests.average, p50: x.latency.p50, p99: x.latency.p99, bad: x.non2xx + x.errors + x.timeouts + x.mismatches });
  }
  return {
    perSecond: median(results.map((r) => r.perSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    bad: results.reduce((a, r) => a + r.bad, 0),
    rounds: results,
    connections,
    seconds,
  };
}

async function floorPhase({ url, requests = 2000, log }) {
  const body = JSON.stringify({ query: '{ __typename }' });
  for (let i = 0; i < 200; i++) await post(url, body);
  const samples = [];
  for (let i = 0; i < requests; i++) samples.push((await timed(() => post(url, body)))[1]);
  const sequential = summarize(samples);
  const concurrent = await cannonRounds(url, body);
  log(
    `floor: { __typename } sequential p50 ${sequential.p50.toFixed(2)} ms, p99 ${sequential.p99.toFixed(2)} ms; ${concurrent.perSecond.toFixed(0)} req/s at 50 connections`,
  );
  return { sequential, concurrent };
}

/** Starts bench/support/bare-server.js on the same database and measures `model(id)` on it as on the registry. */
async function bareFrameworkPhase({ databaseUrl, modelId, log }) {
  const child = spawn(process.execPath, [join(ROOT, 'bench/support/bare-server.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the bare server did not start in 30 s: ${out}`)), 30_000);
      const read = (chunk) => {
        out += chunk;
        const m = /BARE_READY (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`the bare server exited with ${code}: ${out}`)));
    });
    const result = await cannonRounds(url, JSON.stringify({ query: `{ model(id: "${modelId}") { id name } }` }));
    log(`bare Fastify + Mercurius model(id): ${result.perSecond.toFixed(0)} req/s, p50 ${result.p50} ms at 50 connections`);
    return result;
  } finally {
    child.kill('SIGTERM');
  }
}

module.exports = { floorPhase, bareFrameworkPhase };
