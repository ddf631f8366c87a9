import { assertNoErrors, EVIDENCE, RegistryProcess, startRegistry, uniqueName } from '@pedigree/testing';

const REGISTER = `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`;
const RECORD = `mutation($i: RecordOwnershipStakeInput!) { recordOwnershipStake(input: $i) { id percentage validFrom owner { slug } owned { slug } } }`;
const RETRACT = `mutation($i: RetractOwnershipStakeInput!) { retractOwnershipStake(input: $i) { id retraction { evidence { justification } recordedBy } } }`;
const OWNERSHIP = `query($s: String!) { organization(slug: $s) {
  parent { slug } vendor { slug } ultimateParent { slug } controllingOwners { slug }
  owners { percentage owner { slug } }
  effectiveOwners { percentage owner { slug } chain { percentage owner { slug } owned { slug } } }
} }`;

/** Beneficial ownership through the API: stakes, control, vendors, effective ownership, retraction. */
describe('ownership stakes', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(() => r?.stop());

  const org = async (slug: string, country?: string, parent?: string) =>
    assertNoErrors(
      await r.gql(REGISTER, { i: { slug, name: slug, kind: 'COMPANY', evidence: EVIDENCE, ...(country ? { country } : {}), ...(parent ? { parent } : {}) } }),
    );
  const stake = async (owner: string, owned: string, percentage: number, extra: Record<string, unknown> = {}) =>
    assertNoErrors(await r.gql(RECORD, { i: { owner, owned, percentage, evidence: EVIDENCE, ...extra } }), `stake ${owner} → ${owned}`).data
      .recordOwnershipStake;
  const ownership = async (slug: string) => (await r.gql(OWNERSHIP, { s: slug })).data.organization;
  /** The brief's example: A (CN) 60 % of B (US), B 50 % of C (country unknown), A 20 % of C. */
  const briefExample = async (prefix: string) => {
    await org(`${prefix}-a`, 'CN');
    await org(`${prefix}-b`, 'US');
    await org(`${prefix}-c`);
    await stake(`${prefix}-a`, `${prefix}-b`, 60);
    await stake(`${prefix}-b`, `${prefix}-c`, 50);
    await stake(`${prefix}-a`, `${prefix}-c`, 20);
  };
  const rootsMatchDefinition = async () =>
    r.sql(`(SELECT * FROM organization_root EXCEPT SELECT organization_id, root_id, root_country, country_org_id FROM organization_root_computed)
           UNION ALL (SELECT organization_id, root_id, root_country, country_org_id FROM organization_root_computed EXCEPT SELECT * FROM organization_root)`);

  it('A 60 % of B, B 50 % of C, A 20 % of C: A effectively owns 50 % of C, controls B, and C is its own vendor', async () => {
    await briefExample('own');

    const c = await ownership('own-c');
    expect(c.controllingOwners).toEqual([]);
    expect(c.parent).toBeNull();
    expect(c.vendor).toEqual({ slug: 'own-c' });
    expect(c.owners.map((o: any) => [o.owner.slug, o.percentage])).toEqual([
      ['own-b', 50],
      ['own-a', 20],
    ]);
    // Equal shares, the nearer owner first.
    expect(c.effectiveOwners.map((o: any) => [o.owner.slug, o.percentage])).toEqual([
      ['own-b', 50],
      ['own-a', 50],
    ]);
    // A's strongest chain is the indirect one: 60 % × 50 % = 30 % beats its direct 20 %.
    expect(c.effectiveOwners[1].chain).toEqual([
      { percentage: 50, owner: { slug: 'own-b' }, owned: { slug: 'own-c' } },
      { percentage: 60, owner: { slug: 'own-a' }, owned: { slug: 'own-b' } },
    ]);

    const b = await ownership('own-b');
    expect(b).toMatchObject({
      parent: { slug: 'own-a' },
      vendor: { slug: 'own-a' },
      ultimateParent: { slug: 'own-a' },
      controllingOwners: [{ slug: 'own-a' }],
    });
    const only = await r.gql(`{ organization(slug: "own-c") { effectiveOwners(minPercentage: 50.5) { owner { slug } } } }`);
    expect(only.data.organization.effectiveOwners).toEqual([]);
    expect(await rootsMatchDefinition()).toEqual([]);
  });

  it("gives a model the country and vendor of its publisher's controlling owner, and impact follows control", async () => {
    const register = async (publisher: string, extra: Record<string, unknown> = {}) => {
      const name = `${publisher}/${uniqueName('model').split('/')[1]}`;
      assertNoErrors(
        await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`, {
          i: { name, publisher, access: 'OPEN_WEIGHTS', evidence: EVIDENCE, ...extra },
        }),
      );
      return name;
    };
    await briefExample('exp');
    const base = await register('exp-b');
    const tuned = await register('exp-c', { lineage: [{ source: { model: base }, relation: 'FINETUNE' }] });
    const m = await r.gql(`query($n: String!) { model(name: $n) { country } exposure(of: { model: $n }) { vendors { vendor { slug } } } }`, { n: tuned });
    // C has no controlling owner and no country of its own; B's vendor is A, whose country is CN.
    expect(m.data.model.country).toBeNull();
    expect(m.data.exposure.vendors.map((v: any) => v.vendor.slug)).toEqual(['exp-a']);
    const baseCountry = await r.gql(`query($n: String!) { model(name: $n) { country } }`, { n: base });
    expect(baseCountry.data.model.country).toBe('CN');
    const byOwner = await r.gql(`{ models(filter: { organization: "exp-a" }) { edges { node { name } } } }`);
    expect(byOwner.data.models.edges.map((e: any) => e.node.name)).toEqual([base]);
  });

  it("adds up one owner's tranches: 30 % and then 25 % of the same organization is control", async () => {
    await org('tranche-owner', 'JP');
    await org('tranche-lab', 'US');
    await stake('tranche-owner', 'tranche-lab', 30);
    expect((await ownership('tranche-lab')).vendor).toEqual({ slug: 'tranche-lab' });
    await stake('tranche-owner', 'tranche-lab', 25, { validFrom: '2025-06-01' });
    const lab = await ownership('tranche-lab');
    expect(lab.controllingOwners).toEqual([{ slug: 'tranche-owner' }]);
    expect(lab.vendor).toEqual({ slug: 'tranche-owner' });
    expect(await rootsMatchDefinition()).toEqual([]);
  });

  it('terminates on a cycle of stakes with sane numbers', async () => {
    await org('cyc-d', 'FR');
    await org('cyc-e');
    await org('cyc-f');
    await stake('cyc-d', 'cyc-e', 60);
    await stake('cyc-e', 'cyc-d', 60);
    await stake('cyc-e', 'cyc-f', 70);
    const f = await ownership('cyc-f');
    expect(f.controllingOwners).toEqual([{ slug: 'cyc-e' }, { slug: 'cyc-d' }]);
    expect(f.vendor).toEqual({ slug: 'cyc-d' });
    // E's 70 % once, and D's 60 % of E's 70 %; the loop back through E is not a simple path.
    expect(f.effectiveOwners.map((o: any) => [o.owner.slug, Math.round(o.percentage * 1e6) / 1e6])).toEqual([
      ['cyc-e', 70],
      ['cyc-d', 42],
    ]);
    const d = await ownership('cyc-d');
    expect(d.controllingOwners).toEqual([{ slug: 'cyc-e' }]);
    expect(d.vendor).toEqual({ slug: 'cyc-e' });
    expect(await rootsMatchDefinition()).toEqual([]);
  });

  it('records the parent shorthand of registerOrganization as a 100 % stake in the same registration', async () => {
    await org('short-parent', 'DE');
    await org('short-child', undefined, 'short-parent');
    const child = await ownership('short-child');
    expect(child.owners).toEqual([{ percentage: 100, owner: { slug: 'short-parent' } }]);
    expect(child.parent).toEqual({ slug: 'short-parent' });
    // A retry is idempotent: no second stake.
    await org('short-child', undefined, 'short-parent');
    const [{ n }] = await r.sql(`SELECT count(*)::int AS n FROM ownership_stake s JOIN organization o ON o.id = s.owned_id WHERE o.slug = 'short-child'`);
    expect(n).toBe(1);
  });

  it('counts a stake only from its validFrom and until its validTo', async () => {
    await org('dated-owner');
    await org('dated-owned');
    await stake('dated-owner', 'dated-owned', 80, { validFrom: '2999-01-01' });
    await stake('dated-owner', 'dated-owned', 90, { validFrom: '2000-01-01', validTo: '2001-01-01' });
    const owned = await ownership('dated-owned');
    expect(owned.owners).toEqual([]);
    expect(owned.vendor).toEqual({ slug: 'dated-owned' });
  });

  it('withdraws a stake by a retraction: control and vendor follow, the stake stays on record and cannot be rewritten', async () => {
    await org('ret-owner');
    await org('ret-owned');
    const { id } = await stake('ret-owner', 'ret-owned', 75);
    expect((await ownership('ret-owned')).vendor).toEqual({ slug: 'ret-owner' });
    const retracted = await r.gql(RETRACT, { i: { stakeId: id, evidence: { origin: 'AUDIT_FINDING', justification: 'sold in 2024' }, recordedBy: 'auditor' } });
    expect(retracted.data.retractOwnershipStake).toEqual({ id, retraction: { evidence: { justification: 'sold in 2024' }, recordedBy: 'auditor' } });
    const after = await ownership('ret-owned');
    expect(after).toMatchObject({ owners: [], controllingOwners: [], vendor: { slug: 'ret-owned' }, parent: null });
    const again = await r.gql(RETRACT, { i: { stakeId: id, evidence: EVIDENCE } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.stakeId' });
    // The freed share can be taken again, now that the retracted stake no longer counts.
    await stake('ret-owner', 'ret-owned', 100);
    await expect(r.sql(`UPDATE ownership_stake SET percentage = 1 WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(r.sql(`DELETE FROM ownership_retraction WHERE stake_id = $1`, [id])).rejects.toThrow(/append-only/);
    const events = await r.sql(`SELECT operation, count(*)::int AS n FROM audit_event WHERE operation LIKE '%OwnershipStake' GROUP BY 1 ORDER BY 1`);
    expect(events.map((e) => e.operation)).toEqual(['recordOwnershipStake', 'retractOwnershipStake']);
  });

  it('lets concurrent stakes in one organization take turns: never more than 100 %', async () => {
    await org('race-owned');
    for (let i = 0; i < 8; i++) await org(`race-owner-${i}`);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => r.gql(RECORD, { i: { owner: `race-owner-${i}`, owned: 'race-owned', percentage: 30, evidence: EVIDENCE } })),
    );
    expect(results.filter((x) => !x.errors)).toHaveLength(3);
    for (const refused of results.filter((x) => x.errors))
      expect(refused.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.percentage' });
    const [{ total }] = await r.sql(
      `SELECT sum(percentage)::float AS total FROM ownership_stake s JOIN organization o ON o.id = s.owned_id WHERE o.slug = 'race-owned'`,
    );
    expect(total).toBe(90);
  });

  it('answers ownership fields of many organizations in as many SQL statements as of few', async () => {
    // The same shape at two sizes, each alone in its country: a holding with 60 % of one company, which holds 30 % of another.
    const build = async (country: string, units: number) => {
      for (let i = 0; i < units; i++) {
        const [h, m, l] = ['h', 'm', 'l'].map((x) => `qc-${country.toLowerCase()}-${x}${i}`);
        for (const slug of [h, m, l]) await org(slug, country);
        await stake(h, m, 60);
        await stake(m, l, 30);
      }
    };
    await build('NZ', 2);
    await build('AU', 8);
    const query = (country: string) => `{ organizations(country: "${country}", first: 50) { edges { node { slug parent { slug } vendor { slug }
      controllingOwners { slug } owners { percentage owner { slug } } effectiveOwners { percentage owner { slug } chain { owner { slug } } } } } } }`;
    const few = await r.gql(query('NZ'));
    const many = await r.gql(query('AU'));
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(few.data.organizations.edges).toHaveLength(6);
    expect(many.data.organizations.edges).toHaveLength(24);
    expect(few.sqlQueries).toBeGreaterThan(0);
    // Not exact equality: whether two follow-up loads (parent's and vendor's organizations) share a
    // batch depends on which earlier batch answers first. Per-item SQL would add dozens, not two.
    expect(many.sqlQueries).toBeLessThanOrEqual(few.sqlQueries! + 2);
    expect(many.sqlQueries).toBeLessThanOrEqual(14);
  });
});
