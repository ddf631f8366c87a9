import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Builds the app when its sources changed, then provides a PostgreSQL server for every test file: DATABASE_URL when
 * given (each file still gets its own `pedigree_test_*` database), else an embedded one in a temp dir.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.PEDIGREE_TEST_SKIP_BUILD !== '1') {
    // The same up-to-date check as `npm start`: it rebuilds after any source change, and leaves the
    // stamp that lets `npm start` in the tests skip a second build.
    execFileSync(process.execPath, [join(ROOT, 'bin/build-if-stale.js')], { cwd: ROOT, stdio: 'inherit' });
  }
  if (process.env.DATABASE_URL) {
    process.env.PEDIGREE_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  // Another project's setup (the service tier's) already started one for this `npm test`.
  if (process.env.PEDIGREE_TEST_ADMIN_URL) return;
  // Compiled code, so the embedded bootstrap tested here is the one users run.
  const { startEmbeddedPostgres } = require(join(ROOT, 'dist/libs/database/src/embedded-postgres.js'));
  const root = mkdtempSync(join(tmpdir(), 'pedigree-test-'));
  // Recorded before the server starts, so that the teardown removes the directory (about 40 MB of
  // cluster) even when the start fails; Jest runs globalTeardown after failed tests too.
  (globalThis as Record<string, unknown>).__PEDIGREE_TEST_ROOT__ = root;
  const db = await startEmbeddedPostgres({ dataDir: join(root, 'postgres'), port: await freePort() }).catch((error: unknown) => {
    // Jest skips globalTeardown when globalSetup throws.
    rmSync(root, { recursive: true, force: true });
    throw error;
  });
  (globalThis as Record<string, unknown>).__PEDIGREE_TEST_DB__ = db;
  process.env.PEDIGREE_TEST_ADMIN_URL = db.adminUrl;
}
