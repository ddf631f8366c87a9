import { assertNoErrors, EVIDENCE, RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

const REGISTER = `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`;
const RECORD = `mutation($i: RecordOwnershipStakeInput!) { recordOwnershipStake(input: $i) { id } }`;
const RETRACT = `mutation($i: RetractOwnershipStakeInput!) { retractOwnershipStake(input: $i) { id } }`;

/** Every refused stake names its field, and leaves every table (the audit trail included) as it was. */
describe('bad ownership input', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
    for (const slug of ['bad-owner', 'bad-owned', 'bad-other', 'bad-third']) {
      assertNoErrors(await r.gql(REGISTER, { i: { slug, name: slug, kind: 'COMPANY', evidence: EVIDENCE } }));
    }
    // 70 % already held, from 2025-01-01 on.
    assertNoErrors(await r.gql(RECORD, { i: { owner: 'bad-other', owned: 'bad-owned', percentage: 70, validFrom: '2025-01-01', evidence: EVIDENCE } }));
  });
  afterAll(() => r?.stop());

  const stake = { owner: 'bad-owner', owned: 'bad-owned', percentage: 10, evidence: EVIDENCE };

  it.each<[string, Record<string, unknown>, string, string, RegExp]>([
    ['a zero percentage', { percentage: 0 }, 'INVALID_INPUT', 'input.percentage', /0 is out of range/],
    ['a negative percentage', { percentage: -3 }, 'INVALID_INPUT', 'input.percentage', /out of range/],
    ['more than 100 %', { percentage: 100.5 }, 'INVALID_INPUT', 'input.percentage', /out of range/],
    [
      'owners over 100 % together',
      { percentage: 40, validFrom: '2025-06-01' },
      'INVALID_INPUT',
      'input.percentage',
      /110 % on 2025-06-01 \(70 % recorded \+ 40 % here\)/,
    ],
    ['owners over 100 % once a later stake starts', { percentage: 40, validFrom: '2024-01-01' }, 'INVALID_INPUT', 'input.percentage', /110 % on 2025-01-01/],
    ['validTo before validFrom', { validFrom: '2025-03-01', validTo: '2025-02-01' }, 'INVALID_INPUT', 'input.validTo', /not after validFrom/],
    ['validTo on validFrom', { validFrom: '2025-03-01', validTo: '2025-03-01' }, 'INVALID_INPUT', 'input.validTo', /not after validFrom/],
    ['a date that does not exist', { validFrom: '2025-02-30' }, 'INVALID_INPUT', 'input.validFrom', /not a date/],
    ['an organization owning itself', { owner: 'bad-owned' }, 'INVALID_INPUT', 'input.owner', /cannot own a stake in itself/],
    ['an unknown owner', { owner: 'nobody-at-all' }, 'NOT_FOUND', 'input.owner', /Organization "nobody-at-all" does not exist/],
    ['an unknown owned organization', { owned: 'nothing-at-all' }, 'NOT_FOUND', 'input.owned', /does not exist/],
    ['evidence without a justification', { evidence: { origin: 'MODEL_CARD', justification: ' ' } }, 'INVALID_INPUT', 'input.evidence.justification', /why/],
  ])('refuses %s, naming the field, and writes nothing', async (_, change, code, field, message) => {
    const before = await tableCounts(r);
    const res = await r.gql(RECORD, { i: { ...stake, ...change } });
    expect(res.errors?.[0].extensions).toMatchObject({ code, field });
    expect(res.errors?.[0].message).toMatch(message);
    expect(await tableCounts(r)).toEqual(before);
  });

  it('accepts what fits: 30 % beside the 70 %, and a stake that ends before the 70 % starts', async () => {
    const before = await tableCounts(r);
    assertNoErrors(await r.gql(RECORD, { i: { ...stake, owner: 'bad-third', percentage: 50, validFrom: '2020-01-01', validTo: '2025-01-01' } }));
    assertNoErrors(await r.gql(RECORD, { i: { ...stake, percentage: 30 } }));
    const after = await tableCounts(r);
    expect(after.ownership_stake).toBe(before.ownership_stake + 2);
    expect(after.audit_event).toBe(before.audit_event + 2);
  });

  it.each<[string, string, string, string]>([
    ['a stake id that is not a number', 'x1', 'INVALID_INPUT', 'input.stakeId'],
    ['an unknown stake', '999999', 'NOT_FOUND', 'input.stakeId'],
  ])('refuses to retract %s, writing nothing', async (_, stakeId, code, field) => {
    const before = await tableCounts(r);
    const res = await r.gql(RETRACT, { i: { stakeId, evidence: EVIDENCE } });
    expect(res.errors?.[0].extensions).toMatchObject({ code, field });
    expect(await tableCounts(r)).toEqual(before);
  });
});
