import {
  assertNoErrors,
  newModel,
  newOrganization,
  policyQueueSettled,
  RegistryProcess,
  sha256Hex,
  signModel,
  startRegistry,
  tableCounts,
  testSigningKey,
} from '@pedigree/testing';
import { checkpointDigestOf } from '@pedigree/model-signing';
import { createHash } from 'node:crypto';

// OMS v1.0 signatures through the server (docs/signatures.md): bundles made in the test in the
// Python reference's format (libs/testing/src/model-signer.ts).
const REGISTER = `mutation($i: RegisterCheckpointInput!) {
  registerCheckpoint(input: $i) { id digest signature { status verifiedAt signer { method fingerprint } } }
}`;
const TRUST = `mutation($i: AddTrustedSignerInput!) { addTrustedSigner(input: $i) { id fingerprint } }`;

const files = { 'model.safetensors': 'weights-v1', 'config.json': '{"hidden": 8}' };
const digests = (f: Record<string, string>) => Object.entries(f).map(([path, body]) => ({ path, sha256: sha256Hex(body) }));
const checkpointDigest = (f: Record<string, string>) =>
  `sha256:${createHash('sha256')
    .update(`${sha256Hex(f['model.safetensors'])}  model.safetensors\n`)
    .digest('hex')}`;

describe('a registry verifies OMS model signatures at checkpoint registration', () => {
  let r: RegistryProcess;
  let model: { name: string };
  const publisherKey = testSigningKey();
  const strangerKey = testSigningKey();

  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_POLICY_WORKER_POLL_MS: '100' } });
    await newOrganization(r);
    model = await newModel(r);
    assertNoErrors(await r.gql(TRUST, { i: { organization: 'test-org', kind: 'KEY', pem: publisherKey.publicKeyPem } }));
  });
  afterAll(() => r?.stop());

  const input = (bundle: string, f: Record<string, string> = files) => ({
    model: { model: model.name },
    digest: checkpointDigest(f),
    format: 'SAFETENSORS',
    registeredBy: 'ci/signed',
    signature: { bundle, files: digests(f) },
  });

  const refused = async (bundle: string, f: Record<string, string>, rule: string) => {
    const before = await tableCounts(r);
    const res = await r.gql(REGISTER, { i: input(bundle, f) });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect((res.errors?.[0].extensions as unknown as { problems: { rule: string }[] }).problems.map((p) => p.rule)).toContain(rule);
    // Nothing written: every table, the audit trail included, counts the same.
    expect(await tableCounts(r)).toEqual(before);
  };

  it('records a valid key-signed model as VERIFIED with the key fingerprint', async () => {
    const res = await r.gql(REGISTER, { i: input(signModel({ files, privateKeyPem: publisherKey.privateKeyPem })) });
    expect(res.errors).toBeUndefined();
    expect(res.data.registerCheckpoint.signature).toMatchObject({ status: 'VERIFIED', signer: { method: 'key' } });
    expect(res.data.registerCheckpoint.signature.verifiedAt).toBeTruthy();
  });

  it('refuses a tampered file and writes nothing', async () => {
    const signed = { ...files, 'model.safetensors': 'weights-v2' };
    const bundle = signModel({ files: signed, privateKeyPem: publisherKey.privateKeyPem });
    await refused(bundle, { ...signed, 'model.safetensors': 'weights-v2-tampered' }, 'FILE_MISMATCH');
  });

  it('refuses an extra unsigned file and writes nothing', async () => {
    const signed = { ...files, 'model.safetensors': 'weights-v3' };
    await refused(signModel({ files: signed, privateKeyPem: publisherKey.privateKeyPem }), { ...signed, 'extra.py': 'print(1)' }, 'FILE_UNSIGNED');
  });

  it('refuses a wrong predicate type and writes nothing', async () => {
    const signed = { ...files, 'model.safetensors': 'weights-v4' };
    await refused(
      signModel({ files: signed, privateKeyPem: publisherKey.privateKeyPem, predicateType: 'https://example.com/other/v1' }),
      signed,
      'PREDICATE_TYPE',
    );
  });

  it('refuses a signer not trusted for the publisher and writes nothing', async () => {
    const signed = { ...files, 'model.safetensors': 'weights-v5' };
    await refused(signModel({ files: signed, privateKeyPem: strangerKey.privateKeyPem }), signed, 'SIGNER_NOT_TRUSTED');
  });

  it('refuses a file sent under a name that only folds onto a signed one, so a signed copy cannot shadow tampered weights', async () => {
    const signed = { ...files, 'model.safetensors': 'weights-v7' };
    const bundle = signModel({ files: signed, privateKeyPem: publisherKey.privateKeyPem });
    const sent = [...digests({ ...signed, 'model.safetensors': 'weights-v7-tampered' }), { path: 'model.safetensors\\', sha256: sha256Hex('weights-v7') }];
    const before = await tableCounts(r);
    const res = await r.gql(REGISTER, { i: { ...input(bundle, signed), digest: checkpointDigestOf(sent), signature: { bundle, files: sent } } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(await tableCounts(r)).toEqual(before);
  });

  it('computes the checkpoint digest from the signed files only: weights sent under an ignored path (.git/) do not count', async () => {
    const signed = { ...files, 'model.safetensors': 'weights-v8' };
    const bundle = signModel({ files: signed, privateKeyPem: publisherKey.privateKeyPem });
    const sent = [...digests(signed), { path: '.git/x.safetensors', sha256: sha256Hex('anything') }];
    const before = await tableCounts(r);
    const res = await r.gql(REGISTER, { i: { ...input(bundle, signed), digest: checkpointDigestOf(sent), signature: { bundle, files: sent } } });
    expect((res.errors?.[0].extensions as unknown as { problems: { rule: string }[] }).problems.map((p) => p.rule)).toContain('DECLARED_DIGEST');
    expect(await tableCounts(r)).toEqual(before);
  });

  it('shows UNSIGNED for a checkpoint registered without a signature', async () => {
    const f = { ...files, 'model.safetensors': 'weights-unsigned' };
    const res = await r.gql(REGISTER, { i: { ...input('', f), signature: undefined } });
    expect(res.data.registerCheckpoint.signature).toEqual({ status: 'UNSIGNED', verifiedAt: null, signer: null });
  });

  it('lets only an admin add a trusted signer', async () => {
    const created = await r.gql(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`, {
      i: { owner: 'test-pipeline', role: 'PIPELINE' },
    });
    const res = await r.gqlAs(assertNoErrors(created).data.createApiToken.token, TRUST, {
      i: { organization: 'test-org', kind: 'KEY', pem: strangerKey.publicKeyPem },
    });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  // Last: the policy stays in force for the rest of the file.
  it('a DENY policy on weights ancestors not VERIFIED refuses a checkpoint fine-tuned from an unsigned one, and passes once it is signed', async () => {
    const parentFiles = { ...files, 'model.safetensors': 'weights-parent' };
    const parent = assertNoErrors(await r.gql(REGISTER, { i: { ...input('', parentFiles), signature: undefined } })).data.registerCheckpoint;
    expect(parent.signature.status).toBe('UNSIGNED');
    const policy = await r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, {
      i: {
        key: 'verified-weights',
        name: 'Weights ancestors carry a verified signature',
        description: 'Test rule (docs/policies.md).',
        scope: { subjects: ['CHECKPOINT'] },
        condition: 'ancestors.exists(a, a.kinds.exists(k, k == "WEIGHTS") && a.signatureStatus != "VERIFIED")',
        effect: 'DENY',
        severity: 'HIGH',
      },
    });
    assertNoErrors(policy);
    const childFiles = { ...files, 'model.safetensors': 'weights-child' };
    const child = { ...input('', childFiles), signature: undefined, lineage: [{ source: { checkpoint: parent.digest }, relation: 'FINETUNE' }] };

    await policyQueueSettled(r);
    const before = await tableCounts(r);
    const denied = await r.gql(REGISTER, { i: child });
    expect(denied.errors?.[0].extensions).toMatchObject({
      code: 'POLICY_VIOLATION',
      violations: [expect.objectContaining({ policy: 'verified-weights', ancestors: [expect.objectContaining({ name: parent.digest, depth: 1 })] })],
    });
    await policyQueueSettled(r);
    expect(await tableCounts(r)).toEqual(before);

    // The same checkpoint again, now with its signature: the evidence is appended.
    const signed = await r.gql(REGISTER, { i: input(signModel({ files: parentFiles, privateKeyPem: publisherKey.privateKeyPem }), parentFiles) });
    expect(assertNoErrors(signed).data.registerCheckpoint).toMatchObject({ digest: parent.digest, signature: { status: 'VERIFIED' } });
    const allowed = await r.gql(REGISTER, { i: child });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.registerCheckpoint.signature.status).toBe('UNSIGNED');

    // The subject's own signature is recorded before its gate runs, so a policy can require it.
    assertNoErrors(
      await r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, {
        i: {
          key: 'signed-checkpoints',
          name: 'Checkpoints are registered signed',
          description: 'Test rule (docs/policies.md).',
          scope: { subjects: ['CHECKPOINT'] },
          condition: 'subject.kind == "CHECKPOINT" && subject.signatureStatus != "VERIFIED"',
          effect: 'DENY',
          severity: 'HIGH',
        },
      }),
    );
    const ownFiles = { ...files, 'model.safetensors': 'weights-own' };
    const unsignedOwn = await r.gql(REGISTER, { i: { ...input('', ownFiles), signature: undefined } });
    expect(unsignedOwn.errors?.[0].extensions).toMatchObject({
      code: 'POLICY_VIOLATION',
      violations: [expect.objectContaining({ policy: 'signed-checkpoints' })],
    });
    const signedOwn = await r.gql(REGISTER, { i: input(signModel({ files: ownFiles, privateKeyPem: publisherKey.privateKeyPem }), ownFiles) });
    expect(assertNoErrors(signedOwn).data.registerCheckpoint.signature.status).toBe('VERIFIED');
  });

  it('reads the signatures of all ancestors in one statement: judging 3 signed parents costs what 1 does', async () => {
    const signedCheckpoint = async (weights: string, lineage: { source: { checkpoint: string }; relation: string; mergeWeight?: number }[] = []) => {
      const f = { ...files, 'model.safetensors': weights };
      const res = await r.gql(REGISTER, { i: { ...input(signModel({ files: f, privateKeyPem: publisherKey.privateKeyPem }), f), lineage } });
      return assertNoErrors(res).data.registerCheckpoint.digest as string;
    };
    const parents = [await signedCheckpoint('p1'), await signedCheckpoint('p2'), await signedCheckpoint('p3')];
    const one = await signedCheckpoint('one-parent', [{ source: { checkpoint: parents[0] }, relation: 'FINETUNE' }]);
    const three = await signedCheckpoint(
      'three-parents',
      parents.map((p) => ({ source: { checkpoint: p }, relation: 'MERGE', mergeWeight: 1 / 3 })),
    );
    const judge = (digest: string) =>
      r.gql(`query($s: PolicySubjectInput!) { evaluatePolicies(subject: $s) { outcome } }`, { s: { node: { checkpoint: digest } } });
    const [small, large] = [await judge(one), await judge(three)];
    expect([small.data.evaluatePolicies.outcome, large.data.evaluatePolicies.outcome]).toEqual(['ALLOW', 'ALLOW']);
    expect(large.sqlQueries).toBe(small.sqlQueries);
  });
});
