'use strict';
// registerCheckpoints throughput: closed-loop clients, each sending batches of the largest size the
// registry accepts (MAX_CHECKPOINT_BATCH) as soon as the previous one returned. Checkpoints/s is
// checkpoints written over wall time, HTTP and JSON on both ends included.
const { createHash } = require('node:crypto');
const { Client } = require('pg');
const { gql } = require('../support/registry-process');
const { sqlBatchRegistration } = require('./raw-sql.repository');
const { median, summarize } = require('../support/stats');

/** The issue-18 target for a pipeline's batch registration. */
const BATCH_LIMIT = 10_000;
/** The registry's advertised maximum (libs/core/src/registration/batch-limits.ts). */
const BATCH_SIZE = 1000;

const REGISTER = `mutation($i: RegisterCheckpointsInput!) { registerCheckpoints(input: $i) { applied created items { outcome code message } } }`;

async function sendBatch(url, input, digest, size) {
  const checkpoints = Array.from({ length: size }, () => input(digest()));
  const t = process.hrtime.bigint();
  const data = await gql(url, REGISTER, { i: { checkpoints } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const r = data.registerCheckpoints;
  if (!r.applied || r.created !== size) throw new Error(`batch not applied: ${JSON.stringify(r.items.find((i) => i.code) ?? r).slice(0, 500)}`);
  return ms;
}

/**
 * `input(digest)` is a RegisterCheckpointInput (as the registerCheckpoint phase sends). Resolves to
 * { perSecond, batchP50, batchP99, rounds, limit, ratio }; perSecond is the median over rounds.
 */
async function batchRegistrationPhase({ url, input, clients = 2, seconds = 10, rounds = 2, batchSize = BATCH_SIZE, log = () => {} }) {
  let n = 0;
  const digest = () => `sha256:${createHash('sha256').update(`batch-${process.pid}-${n++}`).digest('hex')}`;
  for (let i = 0; i < 2; i++) await sendBatch(url, input, digest, batchSize); // warm-up
  const out = [];
  for (let round = 0; round < rounds; round++) {
    const latencies = [];
    const started = Date.now();
    const end = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < end) latencies.push(await sendBatch(url, input, digest, batchSize));
      }),
    );
    const s = summarize(latencies);
    const x = { batches: s.n, perSecond: (s.n * batchSize) / ((Date.now() - started) / 1000), batchP50: s.p50, batchP99: s.p99 };
    log(
      `registerCheckpoints round ${round + 1}: ${Math.round(x.perSecond)} checkpoints/s (limit ${BATCH_LIMIT}), batch p50 ${x.batchP50.toFixed(0)} ms, p99 ${x.batchP99.toFixed(0)} ms (${x.batches} batches of ${batchSize})`,
    );
    out.push(x);
  }
  const perSecond = median(out.map((x) => x.perSecond));
  return {
    perSecond,
    batchP50: median(out.map((x) => x.batchP50)),
    batchP99: median(out.map((x) => x.batchP99)),
    rounds: out,
    clients,
    batchSize,
    limit: BATCH_LIMIT,
    ratio: perSecond / BATCH_LIMIT,
  };
}

/**
 * The same rows through \`pg\` directly (raw-sql.repository.js), with the same clients, batch size
 * and rounds: what this machine's PostgreSQL allows for them, so the registry's figure reads as a
 * ratio. `modelIds` are the models the input cycles through; `baseId`, `datasetId` its two parents.
 */
async function rawBatchRegistrationPhase({
  databaseUrl,
  modelIds,
  baseId,
  datasetId,
  clients = 2,
  seconds = 10,
  rounds = 2,
  batchSize = BATCH_SIZE,
  log = () => {},
}) {
  let n = 0;
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const send = async (c) => {
    const digests = Array.from({ length: batchSize }, () => `sha256:${createHash('sha256').update(`raw-batch-${process.pid}-${n++}`).digest('hex')}`);
    const t = process.hrtime.bigint();
    await sqlBatchRegistration(
      c,
      digests,
      digests.map((_, i) => modelIds[i % modelIds.length]),
      baseId,
      datasetId,
    );
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  try {
    for (const c of connections) await send(c); // warm-up
    const out = [];
    for (let round = 0; round < rounds; round++) {
      const latencies = [];
      const started = Date.now();
      const end = started + seconds * 1000;
      await Promise.all(
        connections.map(async (c) => {
          while (Date.now() < end) latencies.push(await send(c));
        }),
      );
      const s = summarize(latencies);
      const x = { batches: s.n, perSecond: (s.n * batchSize) / ((Date.now() - started) / 1000), batchP50: s.p50, batchP99: s.p99 };
      log(
        `raw-SQL batch registration round ${round + 1}: ${Math.round(x.perSecond)} checkpoints/s, batch p50 ${x.batchP50.toFixed(0)} ms (${x.batches} batches of ${batchSize})`,
      );
      out.push(x);
    }
    return { perSecond: median(out.map((x) => x.perSecond)), batchP50: median(out.map((x) => x.batchP50)), rounds: out };
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
}

module.exports = { batchRegistrationPhase, rawBatchRegistrationPhase, BATCH_LIMIT, BATCH_SIZE };
