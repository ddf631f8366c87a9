#!/usr/bin/env node
// registerCheckpoints alone, on a small catalog of its own: the batch phase of the suite without
// seeding a million models. For a quick figure; `npm run bench` measures it on the full catalog.
// Usage: npm run bench:batch [-- --seconds 10 --clients 2 --rounds 2]
'use strict';
const { createDatabase, dropDatabase, openPostgres, withClient } = require('./support/postgres');
const { gql, startRegistry } = require('./support/registry-process');
const { batchRegistrationPhase, rawBatchRegistrationPhase } = require('./suite/batch-registration.phase');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVIDENCE = { origin: 'PIPELINE_DECLARATION', justification: 'bench' };

async function main() {
  const pg = await openPostgres();
  const name = `pedigree_bench_batch_${process.pid}`;
  const databaseUrl = await createDatabase(pg.adminUrl, name);
  const server = await startRegistry({ databaseUrl });
  try {
    await gql(
      server.url,
      `mutation { registerOrganization(input: { slug: "bench", name: "Bench", country: "FR", kind: COMPANY, evidence: { origin: AUDIT_FINDING, justification: "bench" } }) { id } }`,
    );
    const models = ['bench/base', ...Array.from({ length: 20 }, (_, i) => `bench/ours-${i}`)];
    for (const m of models)
      await gql(server.url, `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
        i: { name: m, access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
      });
    await gql(server.url, `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: 'bench/data', evidence: EVIDENCE } });
    let k = 0;
    // The suite's registerCheckpoint input: FINETUNE from the base, TRAINED_ON a dataset, plus CHECKPOINT_OF.
    const input = (digest) => ({
      model: { model: models[1 + (k++ % 20)] },
      digest,
      format: 'SAFETENSORS',
      registeredBy: 'bench',
      lineage: [
        { source: { model: 'bench/base' }, relation: 'FINETUNE' },
        { source: { dataset: 'bench/data' }, relation: 'TRAINED_ON' },
      ],
    });
    const r = await batchRegistrationPhase({
      url: server.url,
      input,
      clients: arg('clients', 2),
      seconds: arg('seconds', 10),
      rounds: arg('rounds', 2),
      log: (line) => console.error(`[bench] ${line}`),
    });
    const ids = await withClient(
      databaseUrl,
      async (c) =>
        new Map((await c.query(`SELECT key, id::text FROM lineage_node WHERE key = ANY($1)`, [[...models, 'bench/data']])).rows.map((x) => [x.key, x.id])),
    );
    const raw = await rawBatchRegistrationPhase({
      databaseUrl,
      modelIds: models.slice(1).map((m) => ids.get(m)),
      baseId: ids.get('bench/base'),
      datasetId: ids.get('bench/data'),
      clients: r.clients,
      seconds: arg('seconds', 10),
      rounds: arg('rounds', 2),
      log: (line) => console.error(`[bench] ${line}`),
    });
    console.log(
      `registerCheckpoints, batches of ${r.batchSize}, ${r.clients} clients: ${Math.round(r.perSecond)} checkpoints/s against the limit of ${r.limit}/s (${r.ratio.toFixed(2)}×); ` +
        `batch p50 ${r.batchP50.toFixed(0)} ms, p99 ${r.batchP99.toFixed(0)} ms. The same rows by raw SQL: ${Math.round(raw.perSecond)}/s ` +
        `(registry ${(r.perSecond / raw.perSecond).toFixed(2)}× of it), batch p50 ${raw.batchP50.toFixed(0)} ms.`,
    );
  } finally {
    await server.stop();
    await dropDatabase(pg.adminUrl, name);
    await pg.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
