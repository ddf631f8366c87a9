import { createPublicKey, verify } from 'node:crypto';
import { assertNoErrors, EVIDENCE, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

const VERIFY = `{ verifyAuditTrail { ok checkedEvents pendingEvents headHash firstBrokenLink { seq eventId reason detail } checkedTreeHeads badTreeHeadIds } }`;

/** Every mutation leaves a chained, verifiable trace; tampering directly in SQL is detected and located. */
describe('audit trail', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ env: { PEDIGREE_AUDIT_CHAIN_INTERVAL_MS: '50' } });
    await newOrganization(r);
    for (let i = 0; i < 5; i++) {
      const res = await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
        i: { name: `test-org/audited-${i}`, access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
      });
      assertNoErrors(res);
    }
  });
  afterAll(() => r?.stop());

  it('records each mutation with actor, operation, input digest and touched ids', async () => {
    const res = await r.gql(
      `{ auditEvents(filter: { operation: "registerModel" }, first: 10) { totalCount edges { node { actor actorTokenId operation inputDigest touchedIds } } } }`,
    );
    expect(res.data.auditEvents.totalCount).toBe(5);
    const e = res.data.auditEvents.edges[0].node;
    expect(e).toMatchObject({ actor: 'bootstrap-admin', operation: 'registerModel' });
    expect(e.actorTokenId).toMatch(/^\d+$/);
    expect(e.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(e.touchedIds.length).toBeGreaterThan(0);
  });

  it('a failed mutation leaves no event', async () => {
    const before = Number((await r.sql(`SELECT count(*) AS n FROM audit_event`))[0].n);
    const res = await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
      i: { name: 'test-org/bad', license: 'nonsense', access: 'OPEN_WEIGHTS', evidence: EVIDENCE },
    });
    expect(res.errors).toBeDefined();
    expect(Number((await r.sql(`SELECT count(*) AS n FROM audit_event`))[0].n)).toBe(before);
  });

  it('chains events and verifies the chain and signed heads', async () => {
    const head = await r.gql(`mutation { signAuditTreeHead { size headHash signedAt signature publicKey } }`);
    expect(head.errors).toBeUndefined();
    const v = await r.gql(VERIFY);
    expect(v.data.verifyAuditTrail).toMatchObject({ ok: true, firstBrokenLink: null, badTreeHeadIds: [] });
    expect(v.data.verifyAuditTrail.checkedEvents).toBeGreaterThanOrEqual(head.data.signAuditTreeHead.size);
  });

  it('lets an outsider verify a signed tree head with only the public key', async () => {
    const { size, headHash, signedAt, signature, publicKey } = (await r.gql(`mutation { signAuditTreeHead { size headHash signedAt signature publicKey } }`))
      .data.signAuditTreeHead;
    const message = `pedigree-audit-tree-head:v1\n${size}\n${headHash}\n${new Date(signedAt).toISOString()}`;
    expect(verify(null, Buffer.from(message), createPublicKey(publicKey), Buffer.from(signature, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(message.replace(headHash, '0'.repeat(64))), createPublicKey(publicKey), Buffer.from(signature, 'base64'))).toBe(false);
    const chained = await r.sql(`SELECT hash FROM audit_event WHERE seq = $1`, [size]);
    expect(chained[0].hash).toBe(headHash);
  });

  it('refuses ordinary UPDATE and DELETE of audit rows', async () => {
    await expect(r.sql(`UPDATE audit_event SET operation = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(r.sql(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('names the event a superuser modified behind its back', async () => {
    const [target] = await r.sql(`SELECT id, seq FROM audit_event WHERE seq = 3`);
    await r.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await r.sql(`UPDATE audit_event SET operation = 'registerOrganization' WHERE id = $1`, [target.id]);
    await r.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    const v = (await r.gql(VERIFY)).data.verifyAuditTrail;
    expect(v.ok).toBe(false);
    expect(v.firstBrokenLink).toMatchObject({ seq: 3, eventId: String(target.id), reason: 'HASH_MISMATCH' });
    expect(v.badTreeHeadIds.length).toBeGreaterThan(0);
    // Restore, so the deletion test below is about the deletion only.
    await r.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await r.sql(`UPDATE audit_event SET operation = 'registerModel' WHERE id = $1`, [target.id]);
    await r.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    expect((await r.gql(VERIFY)).data.verifyAuditTrail.ok).toBe(true);
  });

  it('names the position of an event a superuser deleted', async () => {
    const [gone] = await r.sql(`SELECT id FROM audit_event WHERE seq = 4`);
    const [next] = await r.sql(`SELECT id FROM audit_event WHERE seq = 5`);
    await r.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await r.sql(`DELETE FROM audit_event WHERE id = $1`, [gone.id]);
    await r.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    const v = (await r.gql(VERIFY)).data.verifyAuditTrail;
    expect(v.ok).toBe(false);
    expect(v.firstBrokenLink).toMatchObject({ seq: 4, eventId: String(next.id), reason: 'MISSING_EVENT' });
    expect(v.firstBrokenLink.detail).toContain('position 4');
  });
});
