'use strict';
// Bulk import: the synthetic generator (npm run seed:synthetic) into the fresh database. Its --json
// summary gives the edges/s of the load transaction (COPY, index and constraint rebuild, commit).
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { ROOT } = require('../support/paths');

async function seedPhase({ databaseUrl, models, seed }) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'dist/apps/seed/src/main.js'), '--models', String(models), '--seed', String(seed), '--database-url', databaseUrl, '--json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  // Its progress and logs go to stderr; pass them through so a long load is visibly alive.
  child.stderr.on('data', (c) => process.stderr.write(c));
  const code = await new Promise((res) => child.once('exit', res));
  if (code !== 0) throw new Error(`seed:synthetic exited with ${code}`);
  const summary = JSON.parse(out);
  return {
    summary,
    edgesPerSecond: summary.edgesPerSecond,
    edgeCopyPerSecond: summary.edgeCopyPerSecond,
    loadSeconds: summary.loadSeconds,
    counts: summary.counts,
  };
}

module.exports = { seedPhase };
