'use strict';
// The PostgreSQL server a benchmark runs against: DATABASE_URL's server when set, else an embedded
// one in a temp dir, started by the same compiled bootstrap the tests use (as root it runs as `postgres`).
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { ROOT } = require('./paths');

const freePort = () =>
  new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });

/** Returns { adminUrl, embedded, stop() }; stop() also removes the embedded server's temp dir. */
async function openPostgres() {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const { startEmbeddedPostgres } = require(join(ROOT, 'dist/libs/database/src/embedded-postgres.js'));
  const dir = mkdtempSync(join(tmpdir(), 'pedigree-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort() });
  return {
    adminUrl: pg.adminUrl,
    embedded: true,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database on the admin URL's server and returns its URL. The name must say it is a benchmark's. */
async function createDatabase(adminUrl, name) {
  if (!/^pedigree_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}: benchmark databases are pedigree_bench_*`);
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl, name) {
  if (!/^pedigree_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

module.exports = { openPostgres, withClient, createDatabase, dropDatabase, freePort };
