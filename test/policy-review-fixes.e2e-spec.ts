import {
  assertNoErrors,
  EVIDENCE,
  newDigest,
  newModel,
  newOrganization,
  policyQueueSettled,
  RegistryProcess,
  startRegistry,
  tableCounts,
  eventually,
} from '@pedigree/testing';

const VIOLATIONS = `violations { status policyKey ancestors { name } }`;

/**
 * Policy defects found in review: facts that changed without re-evaluation, waivers on a model that
 * left its checkpoints OPEN, condition typos accepted, pack reloads overwriting adapted policies,
 * and ids reaching SQL unchecked.
 */
describe('policies: re-evaluation triggers, model waivers and input checks', () => {
  let r: RegistryProcess;
  type Violation = { status: string; policyKey: string; ancestors: { name: string }[] };
  const define = (input: Record<string, unknown>) =>
    r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key version enabled } }`, {
      i: { description: 'Test rule.', effect: 'WARN', severity: 'HIGH', ...input },
    });
  const violationsOf = async (query: string, vars: Record<string, unknown>, key: string): Promise<Violation[]> =>
    (assertNoErrors(await r.gql(query, vars)).data[key]?.violations ?? []) as Violation[];
  const modelViolations = (name: string, policy: string) =>
    violationsOf(`query($m: String!) { model(name: $m) { ${VIOLATIONS} } }`, { m: name }, 'model').then((vs) => vs.filter((v) => v.policyKey === policy));
  const settled = () => policyQueueSettled(r);
  const settledCounts = async () => {
    await settled();
    return tableCounts(r);
  };

  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_POLICY_WORKER_POLL_MS: '100' } });
    await newOrganization(r, 'test-org', 'FR');
    await newOrganization(r, 'cn-lab', 'CN');
    await newModel(r, { name: 'cn-lab/base', publisher: 'cn-lab' });
  });
  afterAll(async () => {
    await r?.stop();
  });

  it('completing a dataset placeholder with a license re-evaluates what was trained on it', async () => {
    assertNoErrors(
      await define({
        key: 'nc-training-data',
        name: 'Non-commercial training data',
        scope: { subjects: ['MODEL'] },
        condition: 'ancestors.exists(a, a.kind == "DATASET" && a.license == "CC-BY-NC-4.0")',
      }),
    );
    const dataset = async (input: Record<string, unknown>) =>
      assertNoErrors(
        await r.gql(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, {
          i: { name: 'test-org/corpus', evidence: EVIDENCE, ...input },
        }),
      );
    await dataset({ placeholder: true });
    await newModel(r, { name: 'test-org/on-corpus', lineage: [{ source: { dataset: 'test-org/corpus' }, relation: 'TRAINED_ON' }] });
    await settled();
    expect(await modelViolations('test-org/on-corpus', 'nc-training-data')).toEqual([]);
    await dataset({ license: 'CC-BY-NC-4.0', publisher: 'test-org' });
    const [v] = await eventually(async () => {
      const vs = await modelViolations('test-org/on-corpus', 'nc-training-data');
      return vs.length > 0 && vs;
    });
    expect(v).toMatchObject({ status: 'OPEN', ancestors: [{ name: 'test-org/corpus' }] });
  });

  it('recording a training run re-evaluates the model it trained (its compute)', async () => {
    assertNoErrors(
      await define({
        key: 'cn-compute',
        name: 'Trained on compute in China',
        scope: { subjects: ['MODEL'] },
        condition: 'dependencies.exists(d, d.kind == "COMPUTE" && d.country == "CN")',
      }),
    );
    await newModel(r, { name: 'test-org/trained-later' });
    await settled();
    expect(await modelViolations('test-org/trained-later', 'cn-compute')).toEqual([]);
    assertNoErrors(
      await r.gql(`mutation($i: RecordModelTrainingRunInput!) { recordModelTrainingRun(input: $i) { id } }`, {
        i: { model: { model: 'test-org/trained-later' }, method: 'SFT', computeCountry: 'CN', evidence: EVIDENCE },
      }),
    );
    const [v] = await eventually(async () => {
      const vs = await modelViolations('test-org/trained-later', 'cn-compute');
      return vs.length > 0 && vs;
    });
    expect(v.status).toBe('OPEN');
  });

  it('registering a deployment re-evaluates the model it runs (its deployments)', async () => {
    assertNoErrors(
      await define({
        key: 'in-production',
        name: 'Runs in production',
        scope: { subjects: ['MODEL'] },
        condition: 'deployments.exists(d, d.environment == "PRODUCTION")',
      }),
    );
    await newModel(r, { name: 'test-org/deployed-later' });
    await settled();
    expect(await modelViolations('test-org/deployed-later', 'in-production')).toEqual([]);
    assertNoErrors(
      await r.gql(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { name } }`, {
        i: { name: 'test/prod', system: 'chat', ownerTeam: 'team', environment: 'PRODUCTION', criticality: 'HIGH', uses: { model: 'test-org/deployed-later' } },
      }),
    );
    await eventually(async () => (await modelViolations('test-org/deployed-later', 'in-production')).length > 0);
  });

  it("a waiver on a model turns its checkpoint's OPEN violation WAIVED", async () => {
    assertNoErrors(
      await define({
        key: 'cn-weights-checkpoints',
        name: 'Checkpoints on Chinese weights',
        scope: { subjects: ['CHECKPOINT'] },
        condition: 'ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.vendorCountry == "CN")',
      }),
    );
    await newModel(r, { name: 'test-org/ft', lineage: [{ source: { model: 'cn-lab/base' }, relation: 'FINETUNE' }] });
    const digest = newDigest('waived-checkpoint');
    assertNoErrors(
      await r.gql(`mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`, {
        i: { model: { model: 'test-org/ft' }, digest, format: 'SAFETENSORS', registeredBy: 'ci/test' },
      }),
    );
    const checkpointViolations = async () =>
      (await violationsOf(`query($d: String!) { checkpoint(digest: $d) { ${VIOLATIONS} } }`, { d: digest }, 'checkpoint')).filter(
        (v) => v.policyKey === 'cn-weights-checkpoints',
      );
    await settled();
    expect(await checkpointViolations()).toEqual([expect.objectContaining({ status: 'OPEN' })]);
    assertNoErrors(
      await r.gql(
        `mutation($e: DateTime!) { grantWaiver(input: { policy: "cn-weights-checkpoints", subject: { node: { model: "test-org/ft" } },
           justification: "Reviewed by legal", approver: "legal@example.com", expiresAt: $e }) { id } }`,
        { e: new Date(Date.now() + 86_400_000).toISOString() },
      ),
    );
    await eventually(async () => (await checkpointViolations())[0]?.status === 'WAIVED');
  });

  it('refuses a condition naming a field that does not exist, and writes nothing', async () => {
    const before = await settledCounts();
    const res = await define({
      key: 'typo',
      name: 'Typo',
      effect: 'DENY',
      onError: 'DENY',
      condition: 'ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.vendorCountyr == "CN")',
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.condition' });
    expect(res.errors![0].message).toContain('"vendorCountyr"');
    expect(await settledCounts()).toEqual(before);
    // Registrations still pass: nothing was defined that could refuse them.
    await newModel(r, { name: 'test-org/after-typo' });
  });

  it('loading a pack again skips the policies it already defined, unless overwrite', async () => {
    const load = (args = '') => r.gql(`mutation { loadPolicyPack(key: "license-drift-waivers"${args}) { pack skipped policies { key version enabled } } }`);
    const first = assertNoErrors(await load()).data.loadPolicyPack;
    expect(first.skipped).toEqual([]);
    expect(first.policies.map((p: any) => p.enabled)).toEqual([false, false, false]);
    assertNoErrors(await r.gql(`mutation { setPolicyEnabled(key: "license-drift/unwaived", enabled: true) { version } }`));

    const before = await settledCounts();
    const again = assertNoErrors(await load()).data.loadPolicyPack;
    expect(again).toEqual({
      pack: 'license-drift-waivers',
      skipped: ['license-drift/unwaived', 'license-drift/production-deployment', 'license-drift/unknown-weight-license'],
      policies: [],
    });
    expect(await settledCounts()).toEqual(before);
    const kept = assertNoErrors(await r.gql(`{ policy(key: "license-drift/unwaived") { version enabled } }`)).data.policy;
    expect(kept).toEqual({ version: 2, enabled: true });

    const overwritten = assertNoErrors(await load(', overwrite: true')).data.loadPolicyPack;
    expect(overwritten.skipped).toEqual([]);
    expect(overwritten.policies.find((p: any) => p.key === 'license-drift/unwaived')).toEqual({ key: 'license-drift/unwaived', version: 3, enabled: false });
  });

  it('revokeWaiver refuses an id that is not one with INVALID_INPUT, and writes nothing', async () => {
    const before = await settledCounts();
    const res = await r.gql(`mutation { revokeWaiver(id: "abc", reason: "test") { id } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'id' });
    expect(await settledCounts()).toEqual(before);
  });
});
