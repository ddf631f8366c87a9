import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

// Trust that can end, and the sigstore method verified offline (docs/signatures.md).
const REGISTER = `mutation($i: RegisterCheckpointInput!) {
  registerCheckpoint(input: $i) { id digest signature { status trustedFor untrustedReason signer { method subject issuer } } }
}`;
const TRUST = `mutation($i: AddTrustedSignerInput!) { addTrustedSigner(input: $i) { id fingerprint kind subject issuer } }`;
const REMOVE = `mutation($i: RemoveTrustedSignerInput!) { removeTrustedSigner(input: $i) { id fingerprint removedAt removedBy removalReason } }`;
const SIGNATURE = `query($d: String!) { checkpoint(digest: $d) { signature { status untrustedReason } } }`;

// Signed by the Python reference with the sigstore method on the public-good instance (2025-10-10).
const sigstoreDir = join(__dirname, '..', 'libs', 'model-signing', 'testdata', 'model-transparency', 'v1.1.0-sigstore');
const sigstoreBundle = readFileSync(join(sigstoreDir, 'model.sig'), 'utf8');
const sigstoreFiles = ['signme-1', 'signme-2', 'ignore-me'].map((n) => ({ path: n, sha256: sha256Hex(readFileSync(join(sigstoreDir, n))) }));
const identity = { subject: 'stefanb@us.ibm.com', issuer: 'https://sigstore.verify.ibm.com/oauth2' };

describe('trusted signers: the sigstore method offline, removal, and signatures bound to their publisher', () => {
  let r: RegistryProcess;
  let model: { name: string };
  const key = testSigningKey();
  const files = (weights: string) => ({ 'model.safetensors': weights, 'config.json': '{}' });
  const digests = (f: Record<string, string>) => Object.entries(f).map(([path, body]) => ({ path, sha256: sha256Hex(body) }));
  const keySigned = (weights: string) => {
    const f = files(weights);
    const d = digests(f);
    return {
      model: { model: model.name },
      digest: checkpointDigestOf(d),
      format: 'SAFETENSORS',
      registeredBy: 'ci/trust',
      signature: { bundle: signModel({ files: f, privateKeyPem: key.privateKeyPem }), files: d },
    };
  };
  const sigstoreSigned = () => ({
    model: { model: model.name },
    digest: checkpointDigestOf(sigstoreFiles),
    format: 'OTHER',
    registeredBy: 'ci/trust',
    signature: { bundle: sigstoreBundle, files: sigstoreFiles },
  });
  const unchanged = async (run: () => Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>, code: string, field?: string) => {
    const before = await tableCounts(r);
    const res = await run();
    expect(res.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(await tableCounts(r)).toEqual(before);
    return res;
  };

  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_POLICY_WORKER_POLL_MS: '100' } });
    await newOrganization(r);
    model = await newModel(r);
  });
  afterAll(() => r?.stop());

  it('refuses a sigstore signature before its identity is trusted, and writes nothing', async () => {
    const res = await unchanged(() => r.gql(REGISTER, { i: sigstoreSigned() }), 'SIGNATURE_INVALID');
    expect(res.errors?.[0].extensions).toMatchObject({ problems: [expect.objectContaining({ rule: 'SIGNER_NOT_TRUSTED' })] });
  });

  it('names the field of a malformed signer and writes nothing', async () => {
    await unchanged(
      () => r.gql(TRUST, { i: { organization: 'test-org', kind: 'SIGSTORE_IDENTITY', subject: identity.subject } }),
      'INVALID_INPUT',
      'input.issuer',
    );
    await unchanged(
      () => r.gql(TRUST, { i: { organization: 'test-org', kind: 'KEY', pem: key.publicKeyPem, issuer: identity.issuer } }),
      'INVALID_INPUT',
      'input.issuer',
    );
    await unchanged(() => r.gql(TRUST, { i: { organization: 'test-org', kind: 'KEY' } }), 'INVALID_INPUT', 'input.pem');
    await unchanged(
      () => r.gql(TRUST, { i: { organization: 'test-org', kind: 'SIGSTORE_IDENTITY', pem: key.publicKeyPem, ...identity } }),
      'INVALID_INPUT',
      'input.pem',
    );
    await unchanged(
      () => r.gql(TRUST, { i: { organization: 'test-org', kind: 'SIGSTORE_IDENTITY', subject: 'a\nb', issuer: identity.issuer } }),
      'INVALID_INPUT',
      'input.subject',
    );
  });

  it('verifies the reference sigstore signature offline once the identity is trusted', async () => {
    const trusted = assertNoErrors(await r.gql(TRUST, { i: { organization: 'test-org', kind: 'SIGSTORE_IDENTITY', ...identity } })).data.addTrustedSigner;
    expect(trusted).toMatchObject({ kind: 'SIGSTORE_IDENTITY', ...identity });
    const res = assertNoErrors(await r.gql(REGISTER, { i: sigstoreSigned() }));
    expect(res.data.registerCheckpoint.signature).toEqual({
      status: 'VERIFIED',
      trustedFor: 'test-org',
      untrustedReason: null,
      signer: { method: 'sigstore', ...identity },
    });
  });

  it('turns what a removed signer vouched for UNTRUSTED, refuses its new signatures, and lists it only when asked', async () => {
    const { fingerprint } = assertNoErrors(await r.gql(TRUST, { i: { organization: 'test-org', kind: 'KEY', pem: key.publicKeyPem } })).data.addTrustedSigner;
    const signed = assertNoErrors(await r.gql(REGISTER, { i: keySigned('w-1') })).data.registerCheckpoint;
    expect(signed.signature.status).toBe('VERIFIED');

    await unchanged(() => r.gql(REMOVE, { i: { organization: 'test-org', fingerprint, reason: '  ' } }), 'INVALID_INPUT', 'input.reason');
    await unchanged(() => r.gql(REMOVE, { i: { organization: 'test-org', fingerprint: 'ab'.repeat(32), reason: 'x' } }), 'NOT_FOUND', 'input.fingerprint');
    const removed = assertNoErrors(await r.gql(REMOVE, { i: { organization: 'test-org', fingerprint, reason: 'key leaked' } })).data.removeTrustedSigner;
    expect(removed).toMatchObject({ fingerprint, removalReason: 'key leaked' });
    expect(removed.removedAt).toBeTruthy();

    const now = assertNoErrors(await r.gql(SIGNATURE, { d: signed.digest })).data.checkpoint.signature;
    expect(now.status).toBe('UNTRUSTED');
    expect(now.untrustedReason).toMatch(/removed on .*: key leaked/);
    const res = await unchanged(() => r.gql(REGISTER, { i: keySigned('w-2') }), 'SIGNATURE_INVALID');
    expect(res.errors?.[0].extensions).toMatchObject({ problems: [expect.objectContaining({ rule: 'SIGNER_NOT_TRUSTED' })] });

    const list = (includeRemoved: boolean) =>
      r.gql(`query($r: Boolean!) { trustedSigners(organization: "test-org", includeRemoved: $r) { fingerprint removedAt } }`, { r: includeRemoved });
    expect(assertNoErrors(await list(false)).data.trustedSigners.map((s: { fingerprint: string }) => s.fingerprint)).not.toContain(fingerprint);
    expect(assertNoErrors(await list(true)).data.trustedSigners).toContainEqual({ fingerprint, removedAt: removed.removedAt });

    // Repeating the removal changes nothing, the audit trail included.
    const before = await tableCounts(r);
    expect(assertNoErrors(await r.gql(REMOVE, { i: { organization: 'test-org', fingerprint, reason: 'again' } })).data.removeTrustedSigner.removalReason).toBe(
      'key leaked',
    );
    expect(await tableCounts(r)).toEqual(before);
  });

  it('trusts a removed key again as a new grant, and a re-registration verifies its checkpoint anew', async () => {
    const again = assertNoErrors(await r.gql(TRUST, { i: { organization: 'test-org', kind: 'KEY', pem: key.publicKeyPem } })).data.addTrustedSigner;
    const removed = assertNoErrors(await r.gql(`{ trustedSigners(organization: "test-org", includeRemoved: true) { id fingerprint removedAt } }`)).data
      .trustedSigners;
    expect(removed.filter((s: { fingerprint: string }) => s.fingerprint === again.fingerprint)).toHaveLength(2);
    const res = assertNoErrors(await r.gql(REGISTER, { i: keySigned('w-1') })).data.registerCheckpoint;
    expect(res.signature.status).toBe('VERIFIED');
  });

  it('re-evaluates policies on what a removed signer vouched for', async () => {
    assertNoErrors(
      await r.gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, {
        i: {
          key: 'untrusted-signatures',
          name: 'Checkpoints whose signer is no longer trusted',
          description: 'Test rule (docs/signatures.md).',
          scope: { subjects: ['CHECKPOINT'] },
          condition: 'subject.signatureStatus == "UNTRUSTED"',
          effect: 'WARN',
          severity: 'HIGH',
        },
      }),
    );
    const signed = assertNoErrors(await r.gql(REGISTER, { i: keySigned('w-3') })).data.registerCheckpoint;
    await policyQueueSettled(r);
    const open = async () =>
      assertNoErrors(
        await r.gql(`{ policyViolations(filter: { policy: "untrusted-signatures", status: OPEN }) { edges { node { nodeId } } } }`),
      ).data.policyViolations.edges.map((e: { node: { nodeId: string } }) => e.node.nodeId);
    expect(await open()).not.toContain(signed.id);
    const fingerprint = assertNoErrors(await r.gql(`{ trustedSigners(organization: "test-org") { kind fingerprint } }`)).data.trustedSigners.find(
      (s: { kind: string }) => s.kind === 'KEY',
    ).fingerprint;
    assertNoErrors(await r.gql(REMOVE, { i: { organization: 'test-org', fingerprint, reason: 'rotated' } }));
    await policyQueueSettled(r);
    expect(await open()).toContain(signed.id);
  });
});
