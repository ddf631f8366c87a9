import { assertEdge, newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

/**
 * Cycles must be impossible even when opposite edges race. The app inserts edges between existing
 * nodes under a transaction-level advisory lock at READ COMMITTED, so the second writer's cycle
 * check sees the first writer's committed edge.
 */
describe('cycle prevention', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    // 400 writes queue on one lineage lock: this test is about which commit, not about how long they wait.
    r = await startRegistry({ env: { PEDIGREE_DB_ACQUIRE_TIMEOUT_MS: '120000', PEDIGREE_REQUEST_TIMEOUT_MS: '120000' } });
    await newOrganization(r);
  });
  afterAll(() => r?.stop());

  it('rejects a self-edge with CYCLE', async () => {
    const a = await newModel(r);
    const res = await assertEdge(r, a.name, a.name);
    expect(res.errors![0].extensions.code).toBe('CYCLE');
    expect(res.errors![0].extensions.path).toEqual([a.name, a.name]);
  });

  it('rejects an edge closing a longer cycle, and shows the path', async () => {
    const a = await newModel(r);
    const b = await newModel(r, { lineage: [{ source: { model: a.name }, relation: 'FINETUNE' }] });
    const c = await newModel(r, { lineage: [{ source: { model: b.name }, relation: 'QUANTIZATION' }] });
    const before = await r.sql(`SELECT count(*) AS n FROM lineage_edge`);
    const res = await assertEdge(r, a.name, c.name, 'DISTILLATION');
    expect(res.errors![0].extensions.code).toBe('CYCLE');
    expect(res.errors![0].extensions.path).toEqual([a.name, c.name, b.name, a.name]);
    expect(res.errors![0].message).toContain(`"${c.name}" -[QUANTIZATION]-> "${b.name}" -[FINETUNE]-> "${a.name}"`);
    expect(await r.sql(`SELECT count(*) AS n FROM lineage_edge`)).toEqual(before);
  });

  it('never commits both edges of 200 concurrent A→B / B→A pairs', async () => {
    const pairs = [];
    for (let i = 0; i < 200; i++) pairs.push([await newModel(r), await newModel(r)]);
    const results = await Promise.all(pairs.flatMap(([a, b]) => [assertEdge(r, a.name, b.name), assertEdge(r, b.name, a.name)]));

    for (let i = 0; i < pairs.length; i++) {
      const [ab, ba] = [results[2 * i], results[2 * i + 1]];
      const outcomes = [ab, ba].map((x) => (x.errors ? x.errors[0].extensions.code : 'OK')).sort();
      expect(outcomes).toEqual(['CYCLE', 'OK']);
    }
    // And the database agrees: no node reaches itself.
    const cycles = await r.sql(`
      WITH RECURSIVE walk(start_id, node_id, depth) AS (
        SELECT derived_id, source_id, 1 FROM lineage_edge
        UNION
        SELECT w.start_id, e.source_id, w.depth + 1 FROM walk w JOIN lineage_edge e ON e.derived_id = w.node_id WHERE w.depth < 10
      ) SELECT count(*) AS n FROM walk WHERE start_id = node_id`);
    expect(Number(cycles[0].n)).toBe(0);
  });

  it('terminates a walk even if the data somehow holds a cycle', async () => {
    const a = await newModel(r);
    const b = await newModel(r, { lineage: [{ source: { model: a.name }, relation: 'FINETUNE' }] });
    // Bypass the API on purpose: simulate corruption the API can never produce.
    const [ida, idb] = [a, b].map((m: any) => m.id);
    await r.sql(
      `INSERT INTO lineage_edge(derived_id, source_id, relation, origin, justification, observed_at, confidence, recorded_by)
       VALUES ($1, $2, 'FINETUNE', 'AUDIT_FINDING', 'corruption test', now(), 1, 'test')`,
      [ida, idb],
    );
    const res = await r.gql(`query($n: String) { lineage(of: { model: $n }, maxDepth: 100) { nodes { id } truncated } }`, { n: b.name });
    expect(res.errors).toBeUndefined();
    expect(res.data.lineage.nodes.map((n: any) => n.id).sort()).toEqual([ida, idb].sort());
  });
});
