'use strict';
// Issue-15 figures: registerCheckpoint throughput with 5 webhook subscriptions that each receive every
// event, against the same run with them disabled, and the time from sending a registration to its
// delivery at a local receiver, under that load.
const { createServer } = require('node:http');
const { performance } = require('node:perf_hooks');
const { gql } = require('../support/registry-process');
const { registrationLoad } = require('../support/registration-load');
const { median, summarize } = require('../support/stats');

const THROUGHPUT_DROP_LIMIT = 0.1;
const DELIVERY_P50_LIMIT_MS = 200;
const DELIVERY_P99_LIMIT_MS = 1000;
const SUBSCRIPTIONS = 5;
/** Every event type but `digest`, which goes only to its own subscription. */
const EVERY_TYPE = [
  'checkpoint.registered',
  'model.registered',
  'lineage.asserted',
  'lineage.retracted',
  'exposure.changed',
  'violation.opened',
  'violation.waived',
  'violation.resolved',
  'waiver.expiring',
  'audit.head.signed',
  'audit.verification.failed',
];

/** A receiver in this process: the arrival time of each delivery, by subscription path and event subject key (the digest). */
async function startReceiver() {
  const arrivals = new Map();
  let count = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      count++;
      try {
        const key = JSON.parse(Buffer.concat(chunks).toString()).subject?.key;
        if (key) arrivals.set(`${req.url} ${key}`, at);
      } catch {
        // not ours; answered all the same
      }
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, arrivals, count: () => count, close: () => new Promise((r) => server.close(r)) };
}

const SET = `mutation($id: ID!, $e: Boolean!) { updateWebhookSubscription(id: $id, input: { enabled: $e }) { id } }`;

/**
 * Rounds alternate without and with the subscriptions enabled on one server (PEDIGREE_WEBHOOK_ALLOW_HOSTS
 * must name 127.0.0.1), so both sides see the same table sizes and noise. After each enabled round the
 * phase waits until every delivery arrived; a delivery is timed from the moment its registration was sent.
 */
async function alertsPhase({ url, input, clients, seconds, rounds, log }) {
  const receiver = await startReceiver();
  try {
    const ids = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const res = await gql(url, `mutation($i: WebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { subscription { id } } }`, {
        i: { name: `bench-receiver-${process.pid}-${i}`, url: `${receiver.url}/r${i}`, eventTypes: EVERY_TYPE, enabled: false },
      });
      ids.push(res.createWebhookSubscription.subscription.id);
    }
    const off = [];
    const on = [];
    const latencies = [];
    for (let r = 0; r < rounds * 2; r++) {
      const enabled = r % 2 === 1;
      for (const id of ids) await gql(url, SET, { id, e: enabled });
      const sentAt = new Map();
      const timedInput = (digest) => {
        sentAt.set(digest, performance.now());
        return input(digest);
      };
      const x = await registrationLoad({
        url,
        clients,
        seconds,
        warmupPerClient: r < 2 ? 50 : 10,
        digestPrefix: `alerts-${process.pid}-${r}`,
        input: timedInput,
      });
      let drainMs = 0;
      if (enabled) {
        const expected = sentAt.size * SUBSCRIPTIONS;
        const t0 = Date.now();
        const arrived = () => [...sentAt.keys()].reduce((n, d) => n + ids.filter((_, i) => receiver.arrivals.has(`/r${i} ${d}`)).length, 0);
        while (arrived() < expected && Date.now() - t0 < 120_000) await new Promise((res) => setTimeout(res, 200));
        drainMs = Date.now() - t0;
        const got = arrived();
        if (got < expected) throw new Error(`only ${got} of ${expected} deliveries arrived within 120 s of the round's end`);
        for (const [digest, t] of sentAt) for (let i = 0; i < SUBSCRIPTIONS; i++) latencies.push(receiver.arrivals.get(`/r${i} ${digest}`) - t);
      }
      log(
        `alerts ${enabled ? `${SUBSCRIPTIONS} subscriptions` : 'none'} round ${Math.floor(r / 2) + 1}: ${x.perSecond.toFixed(0)}/s, p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(1)} ms` +
          (enabled ? `; last delivery ${drainMs} ms after the round` : ''),
      );
      (enabled ? on : off).push(x);
    }
    for (const id of ids) await gql(url, SET, { id, e: false });
    const side = (xs) => ({ perSecond: median(xs.map((x) => x.perSecond)), p50: median(xs.map((x) => x.p50)), p99: median(xs.map((x) => x.p99)), rounds: xs });
    const delivery = summarize(latencies);
    const result = {
      subscriptions: SUBSCRIPTIONS,
      off: side(off),
      on: side(on),
      delivery: { n: delivery.n, p50: delivery.p50, p99: delivery.p99, max: delivery.max },
    };
    result.throughputDrop = 1 - result.on.perSecond / result.off.perSecond;
    log(
      `alerts: throughput ${(result.throughputDrop * 100).toFixed(1)} % lower with ${SUBSCRIPTIONS} subscriptions (limit ${THROUGHPUT_DROP_LIMIT * 100} %); ` +
        `registration to delivery p50 ${delivery.p50.toFixed(0)} ms (limit ${DELIVERY_P50_LIMIT_MS}), p99 ${delivery.p99.toFixed(0)} ms (limit ${DELIVERY_P99_LIMIT_MS}) over ${delivery.n} deliveries`,
    );
    return result;
  } finally {
    await receiver.close();
  }
}

module.exports = { alertsPhase, THROUGHPUT_DROP_LIMIT, DELIVERY_P50_LIMIT_MS, DELIVERY_P99_LIMIT_MS };
