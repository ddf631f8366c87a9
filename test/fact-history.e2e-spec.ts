import { assertEdge, assertNoErrors, newModel, newOrganization, RegistryProcess, startRegistry, uniqueName } from '@pedigree/testing';

/**
 * The facts an update overwrites keep their history (RecordFactHistory): every insert and every
 * change appends a version in the writing transaction, versions cannot be rewritten, and the
 * as-of definition of who controls whom agrees with the materialized present.
 */
describe('fact history', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r, 'test-org', 'FR');
    await newOrganization(r, 'history-us', 'US');
  });
  afterAll(() => r?.stop());

  const clock = async (): Promise<string> => (await r.sql<{ t: Date }>(`SELECT clock_timestamp() AS t`))[0].t.toISOString();

  it('keeps a placeholder’s facts as a version when its completion overwrites them, and asOf reads them back', async () => {
    const name = uniqueName('placeholder');
    const placeholder = await newModel(r, { name, publisher: 'history-us', license: 'MIT', placeholder: true });
    const derived = await newModel(r);
    assertNoErrors(await assertEdge(r, derived.name, name));
    const beforeCompletion = await clock();
    await newModel(r, { name, publisher: 'test-org', license: 'Apache-2.0' });

    const versions = await r.sql(`SELECT publisher_id::text, license FROM model_version WHERE model_id = $1 ORDER BY id`, [placeholder.id]);
    const [us, fr] = (
      await r.sql<{ id: string }>(`SELECT id::text FROM organization WHERE slug IN ('history-us', 'test-org') ORDER BY slug <> 'history-us'`)
    ).map((o) => o.id);
    expect(versions).toEqual([
      { publisher_id: us, license: 'MIT' },
      { publisher_id: fr, license: 'Apache-2.0' },
    ]);
    const q = `query($of: String!, $asOf: DateTime) { exposure(of: { model: $of }, asOf: $asOf) { countries { country } licenses { expression } } }`;
    const then = assertNoErrors(await r.gql(q, { of: derived.name, asOf: beforeCompletion })).data.exposure;
    expect(then).toEqual({ countries: [{ country: 'US' }], licenses: [{ expression: 'MIT' }] });
    const now = assertNoErrors(await r.gql(q, { of: derived.name })).data.exposure;
    expect(now).toEqual({ countries: [{ country: 'FR' }], licenses: [{ expression: 'Apache-2.0' }] });
  });

  it('records every new organization, model and dataset as its first version, dated by its creation', async () => {
    const missing = await r.sql(`
      SELECT 'organization' AS t, o.id FROM organization o WHERE NOT EXISTS (SELECT 1 FROM organization_version v WHERE v.organization_id = o.id AND v.recorded_at = o.created_at)
      UNION ALL SELECT 'model', m.id FROM model m WHERE NOT EXISTS (SELECT 1 FROM model_version v WHERE v.model_id = m.id AND v.recorded_at = m.created_at)
      UNION ALL SELECT 'dataset', d.id FROM dataset d WHERE NOT EXISTS (SELECT 1 FROM dataset_version v WHERE v.dataset_id = d.id AND v.recorded_at = d.created_at)`);
    expect(missing).toEqual([]);
  });

  it('refuses to rewrite a version', async () => {
    await expect(r.sql(`UPDATE model_version SET license = 'MIT'`)).rejects.toThrow(/append-only/);
    await expect(r.sql(`DELETE FROM organization_version`)).rejects.toThrow(/append-only/);
  });

  it('organization_root_at, asked for now and today, equals the materialized organization_root', async () => {
    await newOrganization(r, 'history-sub', 'DE');
    assertNoErrors(
      await r.gql(`mutation { recordOwnershipStake(input: {owner: "history-us", owned: "history-sub", percentage: 60,
        evidence: {origin: THIRD_PARTY_REPORT, justification: "test fixture"}}) { id } }`),
    );
    const diff = await r.sql(`
      WITH at AS (SELECT * FROM organization_root_at(ARRAY(SELECT id FROM organization), now(), ownership_today()))
      (SELECT * FROM organization_root EXCEPT SELECT * FROM at) UNION ALL (SELECT * FROM at EXCEPT SELECT * FROM organization_root)`);
    expect(diff).toEqual([]);
    expect(
      await r.sql(`SELECT root_country FROM organization_root_at(ARRAY(SELECT id FROM organization WHERE slug = 'history-sub'), now(), ownership_today())`),
    ).toEqual([{ root_country: 'US' }]);
  });

  it('node_origin_at and organization_subtree_at, asked for now and today, equal node_origin and organization_subtree', async () => {
    await newModel(r, { publisher: 'history-sub' });
    await newModel(r, { countryOverride: { country: 'JP', evidence: { origin: 'THIRD_PARTY_REPORT', justification: 'test fixture' } } });
    const origins = await r.sql(`
      WITH now_ AS (SELECT node_id, kind, publisher_id, country, overridden, country_org_id FROM node_origin WHERE kind <> 'CHECKPOINT'),
      at AS (SELECT * FROM node_origin_at(now(), ownership_today()))
      (SELECT * FROM now_ EXCEPT SELECT * FROM at) UNION ALL (SELECT * FROM at EXCEPT SELECT * FROM now_)`);
    expect(origins).toEqual([]);
    const subtrees = await r.sql(`
      SELECT o.slug FROM organization o
      WHERE ARRAY(SELECT organization_subtree(o.id) ORDER BY 1) <> ARRAY(SELECT organization_subtree_at(o.id, now(), ownership_today()) ORDER BY 1)`);
    expect(subtrees).toEqual([]);
    expect(
      await r.sql(`SELECT count(*)::int AS n FROM organization_subtree_at((SELECT id FROM organization WHERE slug = 'history-us'), now(), ownership_today())`),
    ).toEqual([{ n: 2 }]);
  });
});
