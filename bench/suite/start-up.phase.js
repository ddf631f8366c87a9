'use strict';
// Start-up to ready: spawn of the compiled server → its PEDIGREE_READY line, on the seeded database.
// Logged at info so the lineage index reports its size and load time.
const { startRegistry } = require('../support/registry-process');
const { median } = require('../support/stats');

async function startUpPhase({ databaseUrl, starts, log }) {
  const samples = [];
  for (let i = 0; i < starts; i++) {
    const server = await startRegistry({ databaseUrl, logLevel: 'info' });
    const { rss } = server.memory();
    await server.stop();
    samples.push({ ms: server.startupMs, index: server.index, rssAtReady: rss });
    log(
      `start ${i + 1}: ready in ${(server.startupMs / 1000).toFixed(2)} s` +
        (server.index ? ` (index ${server.index.nodes} nodes, ${server.index.edges} edges in ${server.index.ms} ms)` : ' (no "lineage index loaded" line)'),
    );
  }
  return { medianMs: median(samples.map((s) => s.ms)), samples, index: samples.at(-1).index };
}

module.exports = { startUpPhase };
