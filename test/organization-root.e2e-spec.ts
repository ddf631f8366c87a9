import { EVIDENCE, RegistryProcess, startRegistry } from '@pedigree/testing';

/** organization_root is a table refreshed by triggers; it must always equal the recursive definition. */
describe('organization_root stays exact under concurrent registrations', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
  });
  afterAll(() => r?.stop());

  it('matches organization_root_computed after 40 concurrent registrations with ownership chains', async () => {
    const register = (slug: string, parent?: string, country?: string) =>
      r.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
        i: { slug, name: slug, kind: 'COMPANY', evidence: EVIDENCE, ...(parent ? { parent } : {}), ...(country ? { country } : {}) },
      });
    await Promise.all(Array.from({ length: 10 }, (_, i) => register(`holding-${i}`, undefined, i % 2 ? 'US' : 'CN')));
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => register(`sub-${i}`, `holding-${i % 10}`)));
    expect(results.filter((x) => x.errors)).toEqual([]);
    const diff = await r.sql(`
      (SELECT * FROM organization_root EXCEPT SELECT organization_id, root_id, root_country, country_org_id FROM organization_root_computed)
      UNION ALL
      (SELECT organization_id, root_id, root_country, country_org_id FROM organization_root_computed EXCEPT SELECT * FROM organization_root)`);
    expect(diff).toEqual([]);
    const sub = await r.gql(`{ organization(slug: "sub-3") { ultimateParent { slug country } } }`);
    expect(sub.data.organization.ultimateParent).toEqual({ slug: 'holding-3', country: 'US' });
  });
});
