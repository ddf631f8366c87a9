'use strict';
// Small statistics helpers shared by the benchmarks. Latencies are in milliseconds.

/** Nearest-rank quantile of an ascending array: the smallest sample with at least q of all samples at or below it. */
function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** True median (mean of the two middle values for an even count). */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function summarize(samples) {
  const s = Float64Array.from(samples).sort();
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, p50: quantile(s, 0.5), p99: quantile(s, 0.99), max: s[s.length - 1], mean: sum / s.length };
}

/** Runs fn and returns [result, elapsed ms]. */
async function timed(fn) {
  const t = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - t) / 1e6];
}

/** mulberry32: a tiny seeded PRNG, so the "typical" sample is the same in every run on the same data. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { quantile, median, summarize, timed, seededRandom };
