'use strict';
// Starts the compiled registry as a child process on port 0 and talks GraphQL to it.
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ROOT } = require('./paths');

/** A fixed bootstrap admin token (pdg_ + 43 base64url characters), so no token is printed or stored by hand. */
const TOKEN = 'pdg_' + 'BenchAdminToken0123456789_abcdefghijklmnopqrstuv'.slice(0, 43);
const READY = /PEDIGREE_READY (\S+)/;
const INDEX_LOADED = /lineage index loaded: (\d+) nodes, (\d+) edges in (\d+) ms/;

/**
 * Spawns `dist/apps/registry/src/main.js` and resolves once it prints its ready line.
 * `startupMs` is spawn → ready line: module loading, migrations check, index load, listen.
 */
async function startRegistry({ databaseUrl, audit = true, logLevel = 'warn', env = {}, nodeArgs = [] }) {
  // The audit signing key is generated in PEDIGREE_DATA_DIR; keep it out of the work tree.
  const dataDir = mkdtempSync(join(tmpdir(), 'pedigree-bench-registry-'));
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/registry/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      PEDIGREE_READY_LINE: 'on',
      PEDIGREE_DEMO_CATALOG: 'off',
      PEDIGREE_BOOTSTRAP_TOKEN: TOKEN,
      PEDIGREE_AUDIT: audit ? 'on' : 'off',
      PEDIGREE_RATE_LIMIT_PER_MINUTE: '1000000000',
      PEDIGREE_LOG_LEVEL: logLevel,
      PEDIGREE_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep only the start-up output; later output is drained so the child never blocks on a full pipe.
  let out = '';
  const keep = (chunk) => {
    if (out.length < 1_000_000) out += chunk;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  const url = await new Promise((res, rej) => {
    const check = () => {
      const m = READY.exec(out);
      if (m) res(m[1]);
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    exited.then(({ code, signal }) => rej(new Error(`registry exited (${code ?? signal}) before it was ready:\n${out.slice(-4000)}`)));
  }).catch((error) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
  const index = INDEX_LOADED.exec(out);
  return {
    url,
    pid: child.pid,
    startupMs,
    index: index ? { nodes: Number(index[1]), edges: Number(index[2]), ms: Number(index[3]) } : null,
    output: () => out,
    /** VmRSS and VmHWM (peak) of the server process, in bytes. */
    memory: () => procStatus(child.pid),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const r = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return r;
    },
  };
}

function procStatus(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** POST one GraphQL operation with the bench token; throws on GraphQL errors. */
async function gql(url, query, variables) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`${res.status} ${JSON.stringify(body.errors).slice(0, 2000)}`);
  return body.data;
}

module.exports = { TOKEN, startRegistry, gql };
