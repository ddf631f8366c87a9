#!/usr/bin/env node
'use strict';
// Runs one LineageGraph implementation from the compiled app (NestJS is ESM-only, which Jest on
// Node 20 cannot load, so the e2e suite drives it in a child process). One JSON request per
// line on stdin, one JSON answer per line on stdout.
// Usage: node lineage-graph-harness.js <database-url> cte|memory
const { createInterface } = require('node:readline');
const { resolve } = require('node:path');
const { DataSource } = require('typeorm');

const dist = (p) => require(resolve(__dirname, '..', '..', 'dist', p));
const { Db } = dist('libs/database/src/index.js');
// The implementations are internal to the lineage library; the contract test reaches them on purpose.
const { CteLineageGraph } = dist('libs/lineage/src/lineage-graph.cte.repository.js');
const { InMemoryLineageGraph } = dist('libs/lineage/src/lineage-graph.memory.js');
const { LineageChangeRepository } = dist('libs/lineage/src/lineage-change.repository.js');

// Dates do not survive JSON either: asOf arrives as an ISO string.
const date = (v) => (v ? new Date(v) : null);
const options = (o) => ({ ...o, asOf: date(o.asOf) });

async function main() {
  const [url, mode] = process.argv.slice(2);
  const dataSource = new DataSource({ type: 'postgres', url, entities: [], synchronize: false, extra: { max: 4 } });
  await dataSource.initialize();
  const db = new Db(dataSource);
  let graph;
  if (mode === 'cte') graph = new CteLineageGraph(db);
  else {
    // Past walks (asOf) go to the CTE, as in the registry.
    graph = new InMemoryLineageGraph(new LineageChangeRepository(db), new CteLineageGraph(db));
    await graph.onApplicationBootstrap();
  }
  const ops = {
    walk: (a) => graph.walk(a.rootIds, a.direction, options(a.options)),
    // Typed arrays do not survive JSON: send them as plain arrays.
    walkColumns: async (a) => {
      const c = await graph.walkColumns(a.rootIds, a.direction, options(a.options));
      return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v) : v]));
    },
    reaches: (a) => graph.reaches(a.fromId, a.toId, date(a.asOf)),
    shortestPathUp: (a) => graph.shortestPathUp(a.fromId, a.toId, a.maxDepth, date(a.asOf)),
    // Waits until every committed row is in the index (the CTE reads the database anyway).
    sync: async () => (graph.sync ? graph.sync() : null),
  };
  process.stdout.write('READY\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const { id, op, args } = JSON.parse(line);
    try {
      process.stdout.write(`${JSON.stringify({ id, result: (await ops[op](args)) ?? null })}\n`);
    } catch (err) {
      process.stdout.write(`${JSON.stringify({ id, error: err.message })}\n`);
    }
  }
  if (graph.onApplicationShutdown) await graph.onApplicationShutdown();
  await dataSource.destroy();
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
