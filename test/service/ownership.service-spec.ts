import { AuditModule } from '@pedigree/audit';
import { CatalogModule, OrganizationKind, OrganizationService, OwnershipService } from '@pedigree/catalog';
import { sqlDiagnostics } from '@pedigree/database';
import { bruteForceEffectiveOwnership, ownershipWebArbitrary, propertyOptions } from '@pedigree/testing';
import { EVIDENCE, startServiceTier, ServiceTier } from '@pedigree/testing/service';
import fc from 'fast-check';

// OwnershipService on the migrated schema: the exposure lib's entry point, the SQL walk against an
// independent brute force, and the periodic refresh when a stake's first or last day passes.
let tier: ServiceTier;
let orgCounter = 0;

beforeAll(async () => {
  tier = await startServiceTier([AuditModule, CatalogModule]);
});
afterAll(() => tier?.close());

const org = (slug: string, country: string | null = null) =>
  tier.get(OrganizationService).register({ slug, name: `${slug} Inc.`, country, kind: OrganizationKind.COMPANY, evidence: EVIDENCE });
const stake = (owner: string, owned: string, percentage: number, validFrom?: string) =>
  tier.get(OwnershipService).record({ owner, owned, percentage, validFrom, evidence: EVIDENCE });
const statements = async <T>(work: () => Promise<T>): Promise<[T, number]> =>
  sqlDiagnostics.run(async () => {
    const result = await work();
    return [result, sqlDiagnostics.current()!] as [T, number];
  });

it('gives exposure the effective owners with countries, vendors and the strongest chain, in two statements for any number of organizations', async () => {
  const [top, a, b, c] = [await org('svc-top', 'JP'), await org('svc-a'), await org('svc-b', 'US'), await org('svc-c')];
  await stake('svc-top', 'svc-a', 100);
  await stake('svc-a', 'svc-b', 60);
  await stake('svc-b', 'svc-c', 50);
  await stake('svc-a', 'svc-c', 20);
  const ownership = tier.get(OwnershipService);

  const [one, few] = await statements(() => ownership.effectiveOwners([c.id], 25));
  const [, many] = await statements(() => ownership.effectiveOwners([c.id, b.id, a.id, top.id], 25));
  expect(few).toBe(2);
  expect(many).toBe(2);
  // A holds 60 % × 50 % + 20 % = 50 %; top holds all of A, so 50 % too; B 50 %. A's country is its owner's (JP).
  expect(one.get(c.id)!.map((o) => [o.owner.slug, o.owner.country, o.ownerVendor.slug, Math.round(o.percentage * 1e9) / 1e9])).toEqual([
    ['svc-b', 'JP', 'svc-top', 50],
    ['svc-a', 'JP', 'svc-top', 50],
    ['svc-top', 'JP', 'svc-top', 50],
  ]);
  expect(one.get(c.id)![1].chain.map((l) => `${l.ownerName} ${l.percentage} % of ${l.ownedName}`)).toEqual([
    'svc-b Inc. 50 % of svc-c Inc.',
    'svc-a Inc. 60 % of svc-b Inc.',
  ]);
  expect((await ownership.effectiveOwners([c.id], 50.5)).get(c.id)).toEqual([]);
  expect((await ownership.controlledBy(top.id)).sort()).toEqual([top.id, a.id, b.id].sort());
});

it('sums the same simple paths in SQL as a brute force does, on random webs with cycles (25 webs)', async () => {
  const ownership = tier.get(OwnershipService);
  await fc.assert(
    fc.asyncProperty(ownershipWebArbitrary(), async (web) => {
      const prefix = `web-${++orgCounter}`;
      const ids = new Map<string, string>();
      for (const id of web.organizationIds) ids.set(id, (await org(`${prefix}-${id}`)).id);
      // Straight into the table: random webs may exceed 100 % per organization, which the walk must not care about.
      for (const s of web.stakes) {
        await tier.db.query(
          `INSERT INTO ownership_stake(owner_id, owned_id, percentage, origin, justification, observed_at, confidence, recorded_by)
           VALUES ($1, $2, $3, 'AUDIT_FINDING', 'random web', now(), 1, 'test')`,
          [ids.get(s.ownerId), ids.get(s.ownedId), s.percentage],
        );
      }
      const expected = bruteForceEffectiveOwnership(web, '0');
      const got = (await ownership.effectiveHoldings([ids.get('0')!])).get(ids.get('0')!)!;
      const back = new Map([...ids].map(([k, v]) => [v, k]));
      expect(got.map((h) => back.get(h.ownerId)).sort()).toEqual([...expected.keys()].sort());
      for (const h of got) expect(h.percentage).toBeCloseTo(expected.get(back.get(h.ownerId)!)!.total, 9);
    }),
    propertyOptions(25),
  );
});

it('refreshes organization_root when a stake starts or ends after the last refresh, and only then', async () => {
  const today = new Date().toISOString().slice(0, 10);
  await org('svc-dated-owner', 'KR');
  const owned = await org('svc-dated-owned');
  await stake('svc-dated-owner', 'svc-dated-owned', 90, today);
  const ownership = tier.get(OwnershipService);
  const root = async () =>
    (await tier.db.query<{ root_id: string }>(`SELECT root_id FROM organization_root WHERE organization_id = $1`, [owned.id]))[0].root_id;
  const ownerId = await root();
  expect(ownerId).not.toBe(owned.id);

  // Nothing passed since the refresh the stake's insert made: a stale table stays stale.
  await tier.db.query(`UPDATE organization_root SET root_id = organization_id WHERE organization_id = $1`, [owned.id]);
  expect(await ownership.refreshIfBoundaryPassed()).toBe(false);
  expect(await root()).toBe(owned.id);

  // As if the last refresh was yesterday: today's validFrom has passed since, so the check refreshes.
  await tier.db.query(`UPDATE organization_root_refresh SET as_of = as_of - 1`);
  expect(await ownership.refreshIfBoundaryPassed()).toBe(true);
  expect(await root()).toBe(ownerId);
  expect(await ownership.refreshIfBoundaryPassed()).toBe(false);
});
