import { assertNoErrors, EVIDENCE, newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

const queued = async (r: RegistryProcess) =>
  (await r.sql(`SELECT reason, node_ids::text[] AS node_ids FROM policy_reevaluation ORDER BY id`)) as { reason: string; node_ids: string[] }[];

/**
 * What the edge trigger queues, with the worker off so the queue can be read. A node created by the
 * writing transaction is judged by its own gate and is not queued, also when the write is an
 * `applyPlan` item (each runs in a savepoint, whose rows carry a subtransaction id); an edge under
 * a node that already existed is queued for the node and what lies below it.
 */
describe('policy re-evaluation queue', () => {
  let r: RegistryProcess;
  const plan = async (items: unknown[]) => {
    const res = await r.gql(`mutation($i: ApplyPlanInput!) { applyPlan(input: $i) { applied } }`, { i: { items } });
    expect(assertNoErrors(res).data.applyPlan.applied).toBe(true);
  };
  const nodeId = async (name: string) => String((await r.sql(`SELECT id FROM model WHERE name = $1`, [name]))[0].id);

  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_POLICY_WORKER: 'off' } });
    await newOrganization(r, 'test-org', 'FR');
    await newModel(r, { name: 'test-org/queue-base' });
  });
  afterAll(() => r?.stop());

  it('queues nothing while no policy is in force, and every subject once one is', async () => {
    await plan([{ model: { name: 'test-org/queue-early', access: 'OPEN_WEIGHTS', evidence: EVIDENCE } }]);
    const res = await r.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
      i: { derived: { model: 'test-org/queue-early' }, source: { model: 'test-org/queue-base' }, relation: 'FINETUNE', evidence: EVIDENCE },
    });
    assertNoErrors(res);
    expect(await queued(r)).toEqual([]);
    const defined = await r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { version } }`, {
      i: { key: 'queue-test', name: 'Queue test', description: 'Never violated.', condition: 'false', effect: 'WARN', severity: 'LOW' },
    });
    assertNoErrors(defined);
    expect((await queued(r)).map((q) => q.reason)).toEqual(['POLICY_VERSION']);
    await r.sql(`DELETE FROM policy_reevaluation`);
  });

  it('queues nothing for nodes an applyPlan creates, in one or several items', async () => {
    await plan(
      [1, 2, 3].map((i) => ({
        model: {
          name: `test-org/queue-child-${i}`,
          access: 'OPEN_WEIGHTS',
          evidence: EVIDENCE,
          lineage: [{ source: { model: 'test-org/queue-base' }, relation: 'FINETUNE' }],
        },
      })),
    );
    expect(await queued(r)).toEqual([]);
  });

  it('queues an edge under a node that existed before the write', async () => {
    await plan([{ model: { name: 'test-org/queue-teacher', access: 'OPEN_WEIGHTS', evidence: EVIDENCE } }]);
    expect(await queued(r)).toEqual([]);
    const res = await r.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
      i: { derived: { model: 'test-org/queue-child-1' }, source: { model: 'test-org/queue-teacher' }, relation: 'DISTILLATION', evidence: EVIDENCE },
    });
    assertNoErrors(res);
    expect(await queued(r)).toEqual([{ reason: 'EDGE_ADDED', node_ids: [await nodeId('test-org/queue-child-1')] }]);
  });

  it('queues a new node when an earlier item of the same plan already derived from it', async () => {
    await plan([
      { model: { name: 'test-org/queue-mid', access: 'OPEN_WEIGHTS', evidence: EVIDENCE } },
      {
        model: {
          name: 'test-org/queue-leaf',
          access: 'OPEN_WEIGHTS',
          evidence: EVIDENCE,
          lineage: [{ source: { model: 'test-org/queue-mid' }, relation: 'FINETUNE' }],
        },
      },
      { edge: { derived: { model: 'test-org/queue-mid' }, source: { model: 'test-org/queue-base' }, relation: 'MERGE', mergeWeight: 0.5, evidence: EVIDENCE } },
    ]);
    expect(await queued(r)).toEqual([
      { reason: 'EDGE_ADDED', node_ids: [await nodeId('test-org/queue-child-1')] },
      { reason: 'EDGE_ADDED', node_ids: [await nodeId('test-org/queue-mid')] },
    ]);
  });
});
