import { EVIDENCE, newDigest } from './factories';
import { testSigningKey } from './model-signer';
import type { RegistryProcess } from './registry-process';

export const ROLES = ['ADMIN', 'PIPELINE', 'AUDITOR', 'READER'] as const;
export type RoleName = (typeof ROLES)[number];

export interface MutationCase {
  /** The roles that may run it; every other role must get FORBIDDEN with nothing changed. */
  allowed: RoleName[];
  /** Runs it as some token (`as`); `n` makes names unique per call. */
  run: (as: (q: string, v?: any) => Promise<any>, n: string) => Promise<any>;
}

const CREATE_HOOK = `mutation($i: WebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { subscription { id } } }`;
// A public address literal: accepted without DNS (this machine has none for outside names).
const hook = (n: string) => ({ name: `hook-${n}`, url: 'https://93.184.216.34/hook', eventTypes: ['lineage.retracted'] });
const CREATE_TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id role tokenPrefix } } }`;

/**
 * Every mutation of the schema with the roles allowed to run it, and a call that runs it once on the
 * registry `r()` (setting up what it needs as the admin). The access-control test runs each with every role.
 */
export function mutationRoleMatrix(r: () => RegistryProcess): Record<string, MutationCase> {
  // Fresh, valid input per attempt, so an allowed call succeeds and a denied one would have.
  const policy = (n: string) => ({ key: `p-${n}`, name: n, description: 'Test rule.', condition: 'subject.name == "none"', effect: 'WARN', severity: 'LOW' });
  const waiver = (n: string) => ({
    policy: `p-${n}`,
    subject: { organization: 'test-org' },
    justification: 'test',
    approver: 'legal',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const newHook = async (n: string) => String((await r().gql(CREATE_HOOK, { i: hook(`setup-${n}`) })).data.createWebhookSubscription.subscription.id);
  return {
    addTrustedSigner: {
      allowed: ['ADMIN'],
      run: (as) =>
        as(`mutation($i: AddTrustedSignerInput!) { addTrustedSigner(input: $i) { id } }`, {
          i: { organization: 'test-org', kind: 'KEY', pem: testSigningKey().publicKeyPem },
        }),
    },
    removeTrustedSigner: {
      allowed: ['ADMIN'],
      run: async (as) => {
        const added = await r().gql(`mutation($i: AddTrustedSignerInput!) { addTrustedSigner(input: $i) { fingerprint } }`, {
          i: { organization: 'test-org', kind: 'KEY', pem: testSigningKey().publicKeyPem },
        });
        const fingerprint = added.data.addTrustedSigner.fingerprint;
        return as(`mutation($i: RemoveTrustedSignerInput!) { removeTrustedSigner(input: $i) { id } }`, {
          i: { organization: 'test-org', fingerprint, reason: 'rotated' },
        });
      },
    },
    registerOrganization: {
      allowed: ['ADMIN'],
      run: (as, n) =>
        as(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
          i: { slug: `org-${n}`, name: n, kind: 'COMPANY', evidence: EVIDENCE },
        }),
    },
    registerLicense: {
      allowed: ['ADMIN'],
      run: (as, n) =>
        as(`mutation($i: RegisterLicenseInput!) { registerLicense(input: $i) { key } }`, {
          i: { key: `LicenseRef-${n}`, name: n, commercialUse: true, evidence: EVIDENCE },
        }),
    },
    registerModel: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: (as, n) =>
        as(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
          i: { name: `test-org/m-${n}`, access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
        }),
    },
    registerDataset: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: (as, n) => as(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: `test-org/d-${n}`, evidence: EVIDENCE } }),
    },
    registerCheckpoint: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: (as, n) =>
        as(`mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`, {
          i: { model: { model: 'test-org/base' }, digest: newDigest(n), format: 'GGUF', registeredBy: 'ci' },
        }),
    },
    registerCheckpoints: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: async (as, n) => {
        const res = await as(`mutation($i: RegisterCheckpointsInput!) { registerCheckpoints(input: $i) { applied items { outcome message } } }`, {
          i: {
            checkpoints: [0, 1].map((k) => ({ model: { model: 'test-org/base' }, digest: newDigest(`${n}-batch-${k}`), format: 'GGUF', registeredBy: 'ci' })),
          },
        });
        // A batch not applied is an answer, not an error: show it as one, so an allowed role cannot pass unwritten.
        const report = res.data?.registerCheckpoints;
        return report && !report.applied ? { errors: [{ message: JSON.stringify(report), extensions: { code: 'NOT_APPLIED' } }] } : res;
      },
    },
    assertLineage: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: async (as, n) => {
        await r().gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
          i: { name: `test-org/child-${n}`, access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
        });
        return as(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
          i: { derived: { model: `test-org/child-${n}` }, source: { model: 'test-org/base' }, relation: 'FINETUNE', evidence: EVIDENCE },
        });
      },
    },
    retractLineage: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: async (as, n) => {
        await r().gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
          i: { name: `test-org/r-${n}`, access: 'OPEN_WEIGHTS', evidence: EVIDENCE, lineage: [{ source: { model: 'test-org/base' }, relation: 'FINETUNE' }] },
        });
        const edge = await r().gql(`query($n: String) { lineage(of: { model: $n }) { edges { id } } }`, { n: `test-org/r-${n}` });
        return as(`mutation($i: RetractLineageInput!) { retractLineage(input: $i) { id } }`, {
          i: { edgeId: edge.data.lineage.edges[0].id, evidence: EVIDENCE },
        });
      },
    },
    registerDeployment: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: (as, n) =>
        as(`mutation($i: RegisterDeploymentInput!) { registerDeployment(input: $i) { id } }`, {
          i: { name: `dep-${n}`, system: 's', ownerTeam: 't', environment: 'TEST', criticality: 'LOW', uses: { model: 'test-org/base' } },
        }),
    },
    recordModelTrainingRun: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: (as, n) =>
        as(`mutation($i: RecordModelTrainingRunInput!) { recordModelTrainingRun(input: $i) { id } }`, {
          i: { model: { model: 'test-org/base' }, method: 'SFT', computeRegion: `region-${n}`, evidence: EVIDENCE },
        }),
    },
    recordOwnershipStake: {
      allowed: ['ADMIN'],
      run: async (as, n) => {
        await r().gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
          i: { slug: `owned-${n}`, name: `owned ${n}`, kind: 'COMPANY', evidence: EVIDENCE },
        });
        return as(`mutation($i: RecordOwnershipStakeInput!) { recordOwnershipStake(input: $i) { id } }`, {
          i: { owner: 'test-org', owned: `owned-${n}`, percentage: 10, evidence: EVIDENCE },
        });
      },
    },
    retractOwnershipStake: {
      allowed: ['ADMIN'],
      run: async (as, n) => {
        await r().gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
          i: { slug: `sold-${n}`, name: `sold ${n}`, kind: 'COMPANY', evidence: EVIDENCE },
        });
        const stake = await r().gql(`mutation($i: RecordOwnershipStakeInput!) { recordOwnershipStake(input: $i) { id } }`, {
          i: { owner: 'test-org', owned: `sold-${n}`, percentage: 10, evidence: EVIDENCE },
        });
        return as(`mutation($i: RetractOwnershipStakeInput!) { retractOwnershipStake(input: $i) { id } }`, {
          i: { stakeId: stake.data.recordOwnershipStake.id, evidence: EVIDENCE },
        });
      },
    },
    createApiToken: { allowed: ['ADMIN'], run: (as, n) => as(CREATE_TOKEN, { i: { owner: n, role: 'READER' } }) },
    revokeApiToken: {
      allowed: ['ADMIN'],
      run: async (as, n) => {
        const t = await r().gql(CREATE_TOKEN, { i: { owner: `victim-${n}`, role: 'READER' } });
        return as(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: t.data.createApiToken.apiToken.id });
      },
    },
    signAuditTreeHead: { allowed: ['ADMIN'], run: (as) => as(`mutation { signAuditTreeHead { size } }`) },
    definePolicy: { allowed: ['ADMIN'], run: (as, n) => as(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, { i: policy(n) }) },
    setPolicyEnabled: {
      allowed: ['ADMIN'],
      run: async (as, n) => {
        await r().gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, { i: policy(n) });
        return as(`mutation($k: String!) { setPolicyEnabled(key: $k, enabled: false) { key } }`, { k: `p-${n}` });
      },
    },
    loadPolicyPack: {
      allowed: ['ADMIN'],
      // Loading the same pack again is a no-op: the first allowed call writes, later ones find it defined.
      run: (as) => as(`mutation { loadPolicyPack(key: "license-drift-waivers") { pack } }`),
    },
    grantWaiver: {
      allowed: ['ADMIN'],
      run: async (as, n) => {
        await r().gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, { i: policy(n) });
        return as(`mutation($i: GrantWaiverInput!) { grantWaiver(input: $i) { id } }`, { i: waiver(n) });
      },
    },
    revokeWaiver: {
      allowed: ['ADMIN'],
      run: async (as, n) => {
        await r().gql(`mutation($i: DefinePolicyInput!) { definePolicy(input: $i) { key } }`, { i: policy(n) });
        const w = await r().gql(`mutation($i: GrantWaiverInput!) { grantWaiver(input: $i) { id } }`, { i: waiver(n) });
        return as(`mutation($id: ID!) { revokeWaiver(id: $id, reason: "done") { id } }`, { id: w.data.grantWaiver.id });
      },
    },
    createWebhookSubscription: { allowed: ['ADMIN'], run: (as, n) => as(CREATE_HOOK, { i: hook(n) }) },
    updateWebhookSubscription: {
      allowed: ['ADMIN'],
      run: async (as, n) => as(`mutation($id: ID!) { updateWebhookSubscription(id: $id, input: { enabled: false }) { id } }`, { id: await newHook(n) }),
    },
    rotateWebhookSecret: {
      allowed: ['ADMIN'],
      run: async (as, n) => as(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: await newHook(n) }),
    },
    deleteWebhookSubscription: {
      allowed: ['ADMIN'],
      run: async (as, n) => as(`mutation($id: ID!) { deleteWebhookSubscription(id: $id) { id } }`, { id: await newHook(n) }),
    },
    replayWebhookDelivery: {
      allowed: ['ADMIN'],
      run: async (as, n) => {
        const id = await newHook(n);
        const [event] = await r().sql(
          `INSERT INTO event_outbox(type, subject, payload) VALUES ('model.registered', '{"type":"MODEL","id":"0"}', '{}') RETURNING id`,
        );
        const [delivery] = await r().sql(`INSERT INTO webhook_delivery(subscription_id, event_id, status) VALUES ($1, $2, 'DEAD') RETURNING id`, [
          id,
          event.id,
        ]);
        return as(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { status } }`, { id: delivery.id });
      },
    },
    applyPlan: {
      allowed: ['ADMIN', 'PIPELINE'],
      run: async (as, n) => {
        const res = await as(`mutation($i: ApplyPlanInput!) { applyPlan(input: $i) { applied } }`, {
          i: { items: [{ model: { name: `test-org/p-${n}`, access: 'OPEN_WEIGHTS', evidence: EVIDENCE } }] },
        });
        return res.data?.applyPlan?.applied === false ? { errors: [{ extensions: { code: 'NOT_APPLIED' } }] } : res;
      },
    },
  };
}
