import {
  assertNoErrors,
  EVIDENCE,
  newModel,
  newOrganization,
  policyQueueSettled,
  RegistryProcess,
  startRegistry,
  tableCounts,
  eventually,
} from '@pedigree/testing';

const CN_WEIGHTS = 'ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.vendorCountry == "CN")';
const VIOLATIONS = `violations { status policyKey severity message ancestors { name depth path } }`;

describe('sovereignty policies: gates, waivers and continuous re-evaluation', () => {
  let r: RegistryProcess;
  const define = (input: Record<string, unknown>) =>
    r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key version enabled effect scope { subjects } } }`, { i: input });
  const violationsOf = async (model: string) => {
    const res = await r.gql(`query($m: String!) { model(name: $m) { ${VIOLATIONS} } }`, { m: model });
    return assertNoErrors(res).data.model.violations as { status: string; policyKey: string; ancestors: { name: string; path: string }[] }[];
  };

  /** Table counts once the background queue is empty, so they compare what requests wrote. */
  const settledCounts = async () => {
    await policyQueueSettled(r);
    return tableCounts(r);
  };

  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_POLICY_WORKER_POLL_MS: '100' } });
    await newOrganization(r, 'test-org', 'FR');
    await newOrganization(r, 'cn-lab', 'CN');
    await newOrganization(r, 'us-lab', 'US');
    await newOrganization(r, 'cn-holding', 'CN');
    await newModel(r, { name: 'cn-lab/base', publisher: 'cn-lab' });
    await newModel(r, { name: 'us-lab/base', publisher: 'us-lab' });
  });
  afterAll(async () => {
    if (process.env.DUMP_OUTPUT)
      console.log(
        r
          .output()
          .split('\n')
          .filter((l) => /Policy|rror/.test(l))
          .slice(0, 30)
          .join('\n'),
      );
    await r?.stop();
  });

  it('refuses a condition that does not compile, naming the position, and writes nothing', async () => {
    const before = await settledCounts();
    const res = await define({
      key: 'broken',
      name: 'Broken',
      description: 'x',
      condition: 'ancestors.exists(a,\n a.depth ==)',
      effect: 'DENY',
      severity: 'HIGH',
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.condition' });
    expect(res.errors![0].message).toMatch(/does not compile at line \d+, column \d+/);
    const unknown = await define({ key: 'broken', name: 'Broken', description: 'x', condition: 'ancestor.size() > 0', effect: 'DENY', severity: 'HIGH' });
    expect(unknown.errors![0].message).toContain('unknown variable "ancestor"');
    expect(await settledCounts()).toEqual(before);
  });

  it('a DENY policy refuses a registration, naming the policy, the ancestor and the path, and nothing is written', async () => {
    assertNoErrors(
      await define({
        key: 'no-cn-weights',
        name: 'No weights from a vendor controlled from China',
        description: 'Test rule.',
        documentRef: 'https://example.org/directive',
        scope: { subjects: ['MODEL'] },
        condition: CN_WEIGHTS,
        effect: 'DENY',
        severity: 'CRITICAL',
      }),
    );
    const before = await settledCounts();
    const res = await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
      i: { name: 'test-org/denied', access: 'OPEN_WEIGHTS', evidence: EVIDENCE, lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] },
    });
    const err = res.errors![0];
    expect(err.extensions!.code).toBe('POLICY_VIOLATION');
    expect(err.message).toContain('"no-cn-weights"');
    expect(err.extensions!.violations).toEqual([
      expect.objectContaining({
        policy: 'no-cn-weights',
        version: 1,
        documentRef: 'https://example.org/directive',
        ancestors: [expect.objectContaining({ name: 'cn-lab/base', depth: 1, path: expect.stringMatching(/^test-org\/denied → FINETUNE → cn-lab\/base/) })],
      }),
    ]);
    expect(await settledCounts()).toEqual(before);
  });

  it('evaluatePolicies is a dry run: it reports DENY for a draft and writes nothing', async () => {
    const before = await settledCounts();
    const res = await r.gql(
      `query($i: RegisterModelInput!) { evaluatePolicies(draft: { model: $i }) { outcome findings { policy effect waived ancestors { name } } } }`,
      {
        i: { name: 'test-org/planned', access: 'OPEN_WEIGHTS', evidence: EVIDENCE, lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] },
      },
    );
    expect(assertNoErrors(res).data.evaluatePolicies).toEqual({
      outcome: 'DENY',
      findings: [{ policy: 'no-cn-weights', effect: 'DENY', waived: false, ancestors: [{ name: 'cn-lab/base' }] }],
    });
    expect(await settledCounts()).toEqual(before);
    const both = await r.gql(`query($i: RegisterModelInput!) { evaluatePolicies(subject: { deployment: "x" }, draft: { model: $i }) { outcome } }`, {
      i: { name: 'test-org/planned', access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
    });
    expect(both.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'subject' });
    const missing = await r.gql(`{ evaluatePolicies(subject: { deployment: "no/such" }) { outcome } }`);
    expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'deployment' });
  });

  it('WARN lets the registration through, and its answer carries the violation', async () => {
    assertNoErrors(await r.gql(`mutation { setPolicyEnabled(key: "no-cn-weights", enabled: false) { version enabled } }`));
    assertNoErrors(
      await define({ key: 'warn-cn-weights', name: 'Weights from China', description: 'Test rule.', condition: CN_WEIGHTS, effect: 'WARN', severity: 'HIGH' }),
    );
    const res = await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { name ${VIOLATIONS} } }`, {
      i: { name: 'test-org/warned', access: 'OPEN_WEIGHTS', evidence: EVIDENCE, lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] },
    });
    const model = assertNoErrors(res).data.registerModel;
    expect(model.violations).toEqual([
      expect.objectContaining({
        status: 'OPEN',
        policyKey: 'warn-cn-weights',
        severity: 'HIGH',
        ancestors: [expect.objectContaining({ name: 'cn-lab/base', depth: 1 })],
      }),
    ]);
  });

  it('a waiver turns the violation WAIVED, and its expiry reopens it with no one acting', async () => {
    const expiresAt = new Date(Date.now() + 4000).toISOString();
    const granted = await r.gql(
      `mutation($e: DateTime!) { grantWaiver(input: { policy: "warn-cn-weights", subject: { node: { model: "test-org/warned" } },
         justification: "Reviewed by legal", approver: "legal@example.com", expiresAt: $e }) { id active expiresAt } }`,
      { e: expiresAt },
    );
    expect(assertNoErrors(granted).data.grantWaiver.active).toBe(true);
    await eventually(async () => (await violationsOf('test-org/warned'))[0]?.status === 'WAIVED');
    await eventually(async () => (await violationsOf('test-org/warned'))[0]?.status === 'OPEN', 10_000);
    // The worker records the change of status as an event (for alerts), exactly once.
    const events = await eventually(async () => {
      const rows = await r.sql(
        `SELECT e.from_status, e.to_status, e.reason FROM policy_violation_event e JOIN policy_violation v ON v.id = e.violation_id
         JOIN model m ON m.id = v.node_id WHERE m.name = 'test-org/warned' ORDER BY e.id`,
      );
      return rows.length >= 3 && rows;
    });
    expect(events.map((e: any) => [e.from_status, e.to_status])).toEqual([
      [null, 'OPEN'],
      ['OPEN', 'WAIVED'],
      ['WAIVED', 'OPEN'],
    ]);
  });

  it('refuses a waiver without expiry in range or with two subjects, and writes nothing', async () => {
    const before = await settledCounts();
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const tooLong = await r.gql(
      `mutation($e: DateTime!) { grantWaiver(input: { policy: "warn-cn-weights", subject: { node: { model: "test-org/warned" } }, justification: "j", approver: "a", expiresAt: $e }) { id } }`,
      { e: far },
    );
    expect(tooLong.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.expiresAt' });
    const two = await r.gql(
      `mutation($e: DateTime!) { grantWaiver(input: { policy: "warn-cn-weights", subject: { node: { model: "test-org/warned" }, organization: "test-org" }, justification: "j", approver: "a", expiresAt: $e }) { id } }`,
      { e: new Date(Date.now() + 86_400_000).toISOString() },
    );
    expect(two.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.subject' });
    expect(await settledCounts()).toEqual(before);
  });

  it('an upstream retraction resolves the violation', async () => {
    const lineage = await r.gql(`{ lineage(of: { model: "test-org/warned" }, maxDepth: 1) { edges { id relation } } }`);
    const edge = assertNoErrors(lineage).data.lineage.edges.find((e: any) => e.relation === 'FINETUNE');
    assertNoErrors(
      await r.gql(`mutation($id: ID!, $e: EvidenceInput!) { retractLineage(input: { edgeId: $id, evidence: $e }) { id } }`, { id: edge.id, e: EVIDENCE }),
    );
    await eventually(async () => (await violationsOf('test-org/warned')).length === 0);
    const all = await r.gql(
      `{ policyViolations(filter: { policy: "warn-cn-weights", status: RESOLVED }) { totalCount edges { node { status resolvedAt message } } } }`,
    );
    expect(assertNoErrors(all).data.policyViolations.edges[0].node).toMatchObject({ status: 'RESOLVED', resolvedAt: expect.any(String) });
  });

  it('an ownership change opens a violation on what descends from the newly controlled vendor', async () => {
    await newModel(r, { name: 'test-org/on-us-base', lineage: [{ source: { model: 'us-lab/base' }, relation: 'FINETUNE' }] });
    expect(await violationsOf('test-org/on-us-base')).toEqual([]);
    assertNoErrors(
      await r.gql(
        `mutation($e: EvidenceInput!) { recordOwnershipStake(input: { owner: "cn-holding", owned: "us-lab", percentage: 60, evidence: $e }) { id } }`,
        { e: EVIDENCE },
      ),
    );
    const opened = await eventually(async () => (await violationsOf('test-org/on-us-base'))[0]);
    expect(opened).toMatchObject({ status: 'OPEN', policyKey: 'warn-cn-weights', ancestors: [expect.objectContaining({ name: 'us-lab/base' })] });
  });

  it('gates registerDeployment, and only POLICY_ADMIN may define policies', async () => {
    assertNoErrors(
      await define({
        key: 'no-production-cn',
        name: 'No production deployment on Chinese weights',
        description: 'Test rule.',
        scope: { subjects: ['DEPLOYMENT'], environments: ['PRODUCTION'] },
        condition: CN_WEIGHTS,
        effect: 'DENY',
        severity: 'CRITICAL',
      }),
    );
    const deploy = (name: string, environment: string) =>
      r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { name ${VIOLATIONS} } }`, {
        i: { name, system: 'chat', ownerTeam: 'team', environment, criticality: 'HIGH', uses: { model: 'cn-lab/base' } },
      });
    const denied = await deploy('test/prod-cn', 'PRODUCTION');
    expect(denied.errors![0].extensions).toMatchObject({ code: 'POLICY_VIOLATION' });
    expect((denied.errors![0].extensions as any).violations[0].ancestors[0]).toMatchObject({
      name: 'cn-lab/base',
      depth: 1,
      path: expect.stringContaining('RUNS'),
    });
    // Out of scope (not production): allowed, though the WARN policy (every subject) records its violation.
    const staging = assertNoErrors(await deploy('test/staging-cn', 'STAGING')).data.registerDeployment;
    expect(staging.violations.map((v: any) => v.policyKey)).toEqual(['warn-cn-weights']);

    const token = await r.gql(`mutation { createApiToken(input: { owner: "pipe", role: PIPELINE }) { token } }`);
    const pipeline = assertNoErrors(token).data.createApiToken.token;
    const refused = await r.gqlAs(pipeline, `mutation { setPolicyEnabled(key: "no-production-cn", enabled: false) { version } }`);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps every version: an edit adds one, the same definition adds none', async () => {
    const res = await r.gql(`{ policyVersions(key: "no-cn-weights") { version enabled } }`);
    expect(assertNoErrors(res).data.policyVersions).toEqual([
      { version: 2, enabled: false },
      { version: 1, enabled: true },
    ]);
    const audit = await r.sql(`SELECT operation FROM audit_event WHERE operation IN ('definePolicy', 'setPolicyEnabled', 'grantWaiver') ORDER BY id`);
    expect(audit.map((a: any) => a.operation)).toEqual(['definePolicy', 'setPolicyEnabled', 'definePolicy', 'grantWaiver', 'definePolicy']);
  });
});
