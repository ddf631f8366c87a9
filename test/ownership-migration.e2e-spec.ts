import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CreateOwnershipStakes on a registry that already holds organizations with parents: each parent
 * becomes a 100 % stake with its organization's evidence, every organization keeps its ultimate
 * owner and country, and `down` gives the parents back. The compiled migrations, as the registry runs them.
 */
const { migrations } = require(resolve(__dirname, '..', 'dist/migrations/index.js')) as { migrations: (new () => MigrationInterface)[] };

let admin: string;
let name: string;
let client: Client;
const runner = () => ({ query: (sql: string, params?: unknown[]) => client.query(sql, params).then((r) => r.rows) }) as unknown as QueryRunner;
const ownership = migrations.findIndex((m) => m.name.startsWith('CreateOwnershipStakes'));

beforeAll(async () => {
  admin = process.env.PEDIGREE_TEST_ADMIN_URL!;
  if (!admin) throw new Error('PEDIGREE_TEST_ADMIN_URL is not set: run e2e tests through jest (global setup).');
  name = `pedigree_test_${randomBytes(6).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  client = new Client({ connectionString: url.toString() });
  await client.connect();
  for (const M of migrations.slice(0, ownership)) await new M().up(runner());
});

afterAll(async () => {
  await client?.end();
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

const evidence = (justification: string) => ({
  origin: 'THIRD_PARTY_REPORT',
  justification,
  documentRef: 'https://example.org/filing',
  collector: 'test',
  observedAt: '2025-01-02T03:04:05.000Z',
  confidence: 0.8,
});
const roots = async () =>
  (
    await client.query(
      `SELECT o.slug, v.slug AS vendor, r.root_country FROM organization_root r JOIN organization o ON o.id = r.organization_id JOIN organization v ON v.id = r.root_id ORDER BY 1`,
    )
  ).rows;

it('turns each parent into a 100 % stake with its evidence, keeps every vendor and country, and down restores the parents', async () => {
  const insert = async (slug: string, country: string | null, parent: string | null) =>
    client.query(
      `INSERT INTO organization(slug, name, country, kind, parent_id, evidence, registration)
       VALUES ($1, $1, $2, 'COMPANY', (SELECT id FROM organization WHERE slug = $3), $4, '{}')`,
      [slug, country, parent, evidence(`${slug} filing`)],
    );
  await insert('holding', 'CN', null);
  await insert('middle', null, 'holding');
  await insert('leaf', 'GB', 'middle');
  await insert('alone', 'US', null);
  const before = await roots();
  expect(before.find((r) => r.slug === 'leaf')).toEqual({ slug: 'leaf', vendor: 'holding', root_country: 'CN' });

  await new migrations[ownership]().up(runner());
  const stakes = (
    await client.query(
      `SELECT w.slug AS owner, d.slug AS owned, s.percentage, s.origin, s.justification, s.document_ref, s.collector, s.observed_at, s.confidence, s.valid_from
       FROM ownership_stake s JOIN organization w ON w.id = s.owner_id JOIN organization d ON d.id = s.owned_id ORDER BY d.slug`,
    )
  ).rows;
  expect(stakes).toEqual([
    expect.objectContaining({ owner: 'middle', owned: 'leaf', percentage: 100, origin: 'THIRD_PARTY_REPORT', document_ref: 'https://example.org/filing' }),
    expect.objectContaining({ owner: 'holding', owned: 'middle', percentage: 100, collector: 'test', valid_from: null }),
  ]);
  expect(stakes[0].justification).toMatch(/^Migrated from the organization's parent link .*leaf filing$/);
  expect(stakes[0].observed_at.toISOString()).toBe('2025-01-02T03:04:05.000Z');
  expect(stakes[0].confidence).toBeCloseTo(0.8);
  expect(await roots()).toEqual(before);
  const columns = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'organization' AND column_name = 'parent_id'`);
  expect(columns.rows).toEqual([]);

  await new migrations[ownership]().down(runner());
  const parents = await client.query(`SELECT o.slug, p.slug AS parent FROM organization o LEFT JOIN organization p ON p.id = o.parent_id ORDER BY 1`);
  expect(parents.rows).toEqual([
    { slug: 'alone', parent: null },
    { slug: 'holding', parent: null },
    { slug: 'leaf', parent: 'middle' },
    { slug: 'middle', parent: 'holding' },
  ]);
  expect(await roots()).toEqual(before);
});
