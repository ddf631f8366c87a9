import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '..', '..');

/**
 * One PostgreSQL server for the service tier: DATABASE_URL when given, else an embedded one in a
 * temp dir. Unlike the e2e setup it builds nothing: it loads the TypeScript bootstrap directly
 * (Jest transforms what a global setup requires while it runs). Each test file then creates its
 * own `pedigree_test_service_*` database (@pedigree/testing/service).
 */
export default async function serviceGlobalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.PEDIGREE_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = require(join(ROOT, 'libs/database/src/embedded-postgres'));
  const dataDir = join(mkdtempSync(join(tmpdir(), 'pedigree-service-test-')), 'postgres');
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), notice: () => undefined });
  (globalThis as Record<string, unknown>).__PEDIGREE_TEST_DB__ = db;
  process.env.PEDIGREE_TEST_ADMIN_URL = db.adminUrl;
}
