'use strict';
// Issue 18's limit for `impact`: a plain breadth-first walk over arrays in this process, from the
// same root over the same non-retracted edges, with no GraphQL, no rollup and no database in the
// timed part. The edges are read once into a CSR adjacency (children of each node), as the
// registry's index holds them.
const { median } = require('../support/stats');

async function loadChildren(client) {
  const { rows } = await client.query(
    `SELECT e.source_id::int AS s, e.derived_id::int AS d FROM lineage_edge e
     WHERE NOT EXISTS (SELECT 1 FROM lineage_retraction r WHERE r.edge_id = e.id)`,
  );
  let max = 0;
  for (const r of rows) max = Math.max(max, r.s, r.d);
  const start = new Int32Array(max + 2);
  for (const r of rows) start[r.s + 1]++;
  for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
  const children = new Int32Array(rows.length);
  const fill = start.slice(0, max + 1);
  for (const r of rows) children[fill[r.s]++] = r.d;
  return { start, children, nodes: max + 1 };
}

/** Distinct descendants of `root`, breadth first. */
function walk({ start, children, nodes }, root) {
  const seen = new Uint8Array(nodes);
  const queue = new Int32Array(nodes);
  let head = 0;
  let tail = 0;
  queue[tail++] = root;
  seen[root] = 1;
  while (head < tail) {
    const n = queue[head++];
    for (let i = start[n]; i < start[n + 1]; i++) {
      const c = children[i];
      if (!seen[c]) {
        seen[c] = 1;
        queue[tail++] = c;
      }
    }
  }
  return tail - 1;
}

async function inProcessWalk({ client, rootId, runs = 30 }) {
  const graph = await loadChildren(client);
  for (let i = 0; i < 3; i++) walk(graph, Number(rootId));
  const times = [];
  let descendants = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    descendants = walk(graph, Number(rootId));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: median(times), descendants, edges: graph.children.length };
}

module.exports = { inProcessWalk };
