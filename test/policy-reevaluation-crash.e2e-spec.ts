import { assertNoErrors, EVIDENCE, newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

const DESCENDANTS = 600;
const WORKER = { PEDIGREE_POLICY_WORKER_POLL_MS: '50', PEDIGREE_POLICY_BATCH: '10' };

const pending = async (r: RegistryProcess) => {
  const [row] = await r.sql(`SELECT (SELECT count(*) FROM policy_reevaluation) + (SELECT count(*) FROM policy_evaluation_task) AS n`);
  return Number(row.n);
};

/**
 * Re-evaluation is queued in PostgreSQL and claimed with SKIP LOCKED by every instance. One of two
 * instances is killed with SIGKILL in the middle; the other finishes, and every subject ends with
 * exactly one violation and exactly one OPEN event: nothing lost, nothing done twice.
 */
describe('policy re-evaluation across two instances and a kill -9', () => {
  let a: RegistryProcess;
  let b: RegistryProcess;

  beforeAll(async () => {
    a = await startRegistry({ env: WORKER });
    b = await startRegistry({ sharing: a, env: WORKER });
    await newOrganization(a, 'test-org', 'FR');
    await newModel(a, { name: 'test-org/crash-base' });
    const model = (i: number) => ({
      model: {
        name: `test-org/crash-child-${i}`,
        access: 'OPEN_WEIGHTS',
        evidence: EVIDENCE,
        lineage: [{ source: { model: 'test-org/crash-base' }, relation: 'FINETUNE' }],
      },
    });
    for (let start = 0; start < DESCENDANTS; start += 300) {
      const items = Array.from({ length: 300 }, (_, i) => model(start + i));
      const res = await a.gql(`mutation($i: ApplyPlanInput!) { applyPlan(input: $i) { applied } }`, { i: { items } });
      if (!assertNoErrors(res).data.applyPlan.applied) throw new Error('set-up plan was not applied');
    }
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('finishes exactly once after one instance is killed mid-way', async () => {
    const res = await a.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { version } }`, {
      i: {
        key: 'from-crash-base',
        name: 'Derived from the crash base',
        description: 'Test rule: every descendant of the base violates it.',
        scope: { subjects: ['MODEL'] },
        condition: 'ancestors.exists(a, a.name == "test-org/crash-base")',
        effect: 'WARN',
        severity: 'LOW',
      },
    });
    assertNoErrors(res);
    // Kill A while the work is under way: tasks are queued and some are already done.
    for (;;) {
      const [done] = await b.sql(`SELECT count(*) AS n FROM policy_violation`);
      if (Number(done.n) > 0 && (await pending(b)) > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await a.crash();
    const killedAt = Number((await b.sql(`SELECT count(*) AS n FROM policy_violation`))[0].n);
    expect(killedAt).toBeLessThan(DESCENDANTS);

    const started = Date.now();
    while ((await pending(b)) > 0) {
      if (Date.now() - started > 60_000) throw new Error('re-evaluation did not finish after the crash');
      await new Promise((r) => setTimeout(r, 50));
    }
    const [violations] = await b.sql(`SELECT count(*) AS n, count(DISTINCT subject_key) AS subjects FROM policy_violation WHERE status = 'OPEN'`);
    expect(Number(violations.n)).toBe(DESCENDANTS);
    expect(Number(violations.subjects)).toBe(DESCENDANTS);
    const events = await b.sql(`SELECT violation_id, count(*) AS n FROM policy_violation_event GROUP BY violation_id HAVING count(*) <> 1`);
    expect(events).toEqual([]);
    const [total] = await b.sql(`SELECT count(*) AS n FROM policy_violation_event WHERE from_status IS NULL AND to_status = 'OPEN'`);
    expect(Number(total.n)).toBe(DESCENDANTS);
    // The base itself has no such ancestor: evaluated, and rightly without a violation.
    const base = await b.gql(`{ model(name: "test-org/crash-base") { violations { policyKey } } }`);
    expect(assertNoErrors(base).data.model.violations).toEqual([]);
  });
});
