'use strict';
// Closed-loop registration load: `clients` concurrent callers, each sending registerCheckpoint as soon as
// its previous call returned, for `seconds` after a warm-up. Shared by the suite and bench:registration.
const { createHash } = require('node:crypto');
const { gql } = require('./registry-process');
const { summarize } = require('./stats');

const REGISTER = `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`;

/** A fresh digest per call: registering the same digest again is an idempotent no-op, not a registration. */
function digestFactory(prefix) {
  let n = 0;
  return () => `sha256:${createHash('sha256').update(`${prefix}-${n++}`).digest('hex')}`;
}

/**
 * `input(digest)` returns a RegisterCheckpointInput. Resolves to { count, perSecond, p50, p99, max }.
 * Latency is measured per call on the client, HTTP included.
 */
async function registrationLoad({ url, clients, seconds, warmupPerClient = 50, input, digestPrefix }) {
  const digest = digestFactory(digestPrefix);
  // Warm-up: connection pool, JIT, PostgreSQL caches.
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < warmupPerClient; i++) await gql(url, REGISTER, { i: input(digest()) });
    }),
  );
  const latencies = [];
  const started = Date.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        await gql(url, REGISTER, { i: input(digest()) });
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const s = summarize(latencies);
  return { count: s.n, perSecond: s.n / elapsed, p50: s.p50, p99: s.p99, max: s.max };
}

module.exports = { registrationLoad };
