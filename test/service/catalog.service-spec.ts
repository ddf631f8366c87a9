import { AuditModule } from '@pedigree/audit';
import { CatalogModule, ModelAccess, ModelService, OrganizationKind, OrganizationService } from '@pedigree/catalog';
import { EVIDENCE, newModel, newOrganization, startServiceTier, ServiceTier, uniqueName } from '@pedigree/testing/service';

// Registration through the real catalog services: the idempotent sequence (same values: no write,
// no audit event) and CONFLICT (different values: nothing changes), on the migrated schema.
let tier: ServiceTier;

beforeAll(async () => {
  tier = await startServiceTier([AuditModule, CatalogModule]);
  await newOrganization(tier);
});
afterAll(() => tier?.close());

/** What a registration may write: the rows a retry or a refused conflict must leave as they were. */
const snapshot = () =>
  tier.db.query(`
    SELECT (SELECT json_agg(o ORDER BY o.slug) FROM organization o) AS orgs,
           (SELECT json_agg(a ORDER BY a.alias) FROM organization_alias a) AS aliases,
           (SELECT json_agg(m ORDER BY m.name) FROM model m) AS models,
           (SELECT json_agg(n ORDER BY n.key) FROM lineage_node n) AS nodes,
           (SELECT count(*)::int FROM audit_event) AS events`);

it('registers an organization once: the same values again return it and write nothing', async () => {
  const orgs = tier.get(OrganizationService);
  const input = { slug: 'acme', name: 'Acme Labs', country: 'de', kind: OrganizationKind.COMPANY, aliases: ['acme-ai'], evidence: EVIDENCE };
  const first = await orgs.register(input);
  expect(first).toMatchObject({ slug: 'acme', name: 'Acme Labs', country: 'DE' });
  const before = await snapshot();
  const again = await orgs.register({ ...input, aliases: ['ACME-AI'] });
  expect(again.id).toBe(first.id);
  expect(await snapshot()).toEqual(before);
});

it('refuses an organization with the same slug and other values as CONFLICT, and leaves every row unchanged', async () => {
  const orgs = tier.get(OrganizationService);
  const input = { slug: 'globex', name: 'Globex', country: 'US', kind: OrganizationKind.COMPANY, evidence: EVIDENCE };
  await orgs.register(input);
  const before = await snapshot();
  await expect(orgs.register({ ...input, country: 'FR' })).rejects.toMatchObject({ code: 'CONFLICT' });
  expect(await snapshot()).toEqual(before);
});

it('registers a model with its lineage node once; a retry writes nothing and a changed license is a CONFLICT', async () => {
  const model = await newModel(tier);
  expect(model).toMatchObject({ access: ModelAccess.OPEN_WEIGHTS });
  const [node] = await tier.db.query<{ kind: string }>('SELECT kind FROM lineage_node WHERE id = $1', [model.id]);
  expect(node).toEqual({ kind: 'MODEL' });
  const before = await snapshot();
  const input = { name: model.name, publisher: 'test-org', access: ModelAccess.OPEN_WEIGHTS, license: 'Apache-2.0', evidence: EVIDENCE };
  expect((await tier.get(ModelService).register(input)).id).toBe(model.id);
  await expect(tier.get(ModelService).register({ ...input, license: 'MIT' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'input.license' });
  expect(await snapshot()).toEqual(before);
});

it('refuses a model whose publisher is unknown, writing nothing', async () => {
  const before = await snapshot();
  await expect(newModel(tier, { name: uniqueName('orphan', 'nobody'), publisher: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(await snapshot()).toEqual(before);
});
