#!/usr/bin/env node
// Registration throughput with the audit trail on and off: 8 concurrent clients, registerCheckpoint
// with 2 lineage edges, against a real server on a fresh embedded PostgreSQL database per run.
// Usage: npm run bench [-- --seconds 10 --clients 8 --rounds 2]
'use strict';
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { cpus, tmpdir, totalmem } = require('node:os');
const { join, resolve } = require('node:path');
const { Client } = require('pg');

const ROOT = resolve(__dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 8);
const ROUNDS = arg('rounds', 2);
const TOKEN = 'pdg_' + 'BenchAdminToken0123456789_abcdefghijklmnopqrstuv'.slice(0, 43);

const freePort = () => new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });

async function startServer(databaseUrl, audit) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/registry/src/main.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', PEDIGREE_READY_LINE: 'on', PEDIGREE_DEMO_CATALOG: 'off', PEDIGREE_BOOTSTRAP_TOKEN: TOKEN,
      PEDIGREE_AUDIT: audit ? 'on' : 'off', PEDIGREE_RATE_LIMIT_PER_MINUTE: '100000000', PEDIGREE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise((res, rej) => {
    const on = (c) => { out += c; const m = /PEDIGREE_READY (\S+)/.exec(out); if (m) res(m[1]); };
    child.stdout.on('data', on); child.stderr.on('data', on);
    child.once('exit', (code) => rej(new Error(`server exited ${code}\n${out}`)));
  });
  return { url, stop: () => new Promise((res) => { child.once('exit', res); child.kill('SIGTERM'); }) };
}

async function gql(url, query, variables) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const REGISTER = `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`;
const EVIDENCE = { origin: 'PIPELINE_DECLARATION', justification: 'bench' };

async function run(adminUrl, audit, round) {
  const name = `pedigree_bench_${audit ? 'on' : 'off'}_${round}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(adminUrl); dbUrl.pathname = `/${name}`;
  const server = await startServer(dbUrl.toString(), audit);
  try {
    await gql(server.url, `mutation { registerOrganization(input: { slug: "bench", name: "Bench", country: "FR", kind: COMPANY, evidence: { origin: AUDIT_FINDING, justification: "bench" } }) { id } }`);
    for (const m of ['bench/base', 'bench/ours']) await gql(server.url, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, { i: { name: m, access: 'OPEN_WEIGHTS', evidence: EVIDENCE } });
    const ds = await gql(server.url, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: 'bench/data', evidence: EVIDENCE } });
    let n = 0;
    const input = () => ({
      model: { model: 'bench/ours' }, digest: `sha256:${createHash('sha256').update(`${name}-${n++}`).digest('hex')}`, format: 'SAFETENSORS', registeredBy: 'bench',
      lineage: [{ source: { model: 'bench/base' }, relation: 'FINETUNE' }, { source: { id: ds.registerDataset.id }, relation: 'TRAINED_ON' }],
    });
    // Warm-up: connection pool, JIT, PostgreSQL caches.
    await Promise.all(Array.from({ length: CLIENTS }, async () => { for (let i = 0; i < 50; i++) await gql(server.url, REGISTER, { i: input() }); }));
    const latencies = [];
    const end = Date.now() + SECONDS * 1000;
    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        await gql(server.url, REGISTER, { i: input() });
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }));
    const elapsed = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
    return { audit, count: latencies.length, perSecond: latencies.length / elapsed, p50: q(0.5), p99: q(0.99) };
  } finally {
    await server.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main() {
  const { startEmbeddedPostgres } = require(join(ROOT, 'dist/libs/database/src/embedded-postgres.js'));
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'pedigree-bench-')), 'postgres'), port: await freePort() });
  const adminUrl = process.env.DATABASE_URL ?? pg.adminUrl;
  const results = [];
  try {
    // Alternate off/on so drift in the machine's state does not favour one side.
    for (let round = 0; round < ROUNDS; round++) for (const audit of [false, true]) {
      const r = await run(adminUrl, audit, round);
      console.log(`round ${round + 1} audit ${audit ? 'on ' : 'off'}: ${r.perSecond.toFixed(0)}/s p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms (${r.count} registrations)`);
      results.push(r);
    }
  } finally {
    await pg?.stop();
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
  const summary = [false, true].map((audit) => {
    const rs = results.filter((r) => r.audit === audit);
    return { audit, perSecond: median(rs.map((r) => r.perSecond)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)) };
  });
  const [off, on] = summary;
  const ratio = on.perSecond / off.perSecond;
  const table = [
    '| audit trail | registrations/s | p50 | p99 |',
    '|---|---|---|---|',
    ...summary.map((s) => `| ${s.audit ? 'on' : 'off'} | ${s.perSecond.toFixed(0)} | ${s.p50.toFixed(1)} ms | ${s.p99.toFixed(1)} ms |`),
  ].join('\n');
  console.log(`\n${table}\n\naudit on / off = ${(ratio * 100).toFixed(1)} % (target: at least 80 %)`);
  const versions = `Node ${process.version}, PostgreSQL ${pg ? '18 (embedded-postgres)' : 'from DATABASE_URL'}, ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
  const section = `## Registration throughput, audit trail on vs off\n\nRun on ${new Date().toISOString()}: ${versions}. ` +
    `${CLIENTS} concurrent clients over HTTP on the same machine, \`registerCheckpoint\` with 2 lineage edges (plus the automatic CHECKPOINT_OF), ` +
    `${SECONDS} s per run after a warm-up, ${ROUNDS} alternating rounds per mode, medians shown. Reproduce: \`npm run bench\`.\n\n${table}\n\n` +
    `With the audit trail on, throughput is **${(ratio * 100).toFixed(1)} %** of throughput with it off (target: within 20 %, i.e. ≥ 80 %).\n`;
  const file = join(ROOT, 'docs/benchmarks.md');
  let doc = '';
  try { doc = readFileSync(file, 'utf8'); } catch { doc = '# Benchmarks\n\nFigures from `npm run bench` on the project machine (2 cores). Benchmarks are not part of `npm test`.\n\n'; }
  doc = doc.replace(/## Registration throughput, audit trail on vs off[\s\S]*?(?=\n## |$)/, '').trimEnd() + '\n\n' + section;
  writeFileSync(file, doc);
  console.log(`wrote ${file}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
