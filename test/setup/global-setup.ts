import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Builds the app once, then provides a PostgreSQL server for every test file: DATABASE_URL when
 * given (each file still gets its own `pedigree_test_*` database), else an embedded one in a temp dir.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.PEDIGREE_TEST_SKIP_BUILD !== '1') {
    execFileSync('npx', ['nest', 'build', 'registry'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (process.env.DATABASE_URL) {
    process.env.PEDIGREE_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  // Compiled code, so the embedded bootstrap tested here is the one users run.
  const { startEmbeddedPostgres } = require(join(ROOT, 'dist/libs/database/src/embedded-postgres.js'));
  const dataDir = join(mkdtempSync(join(tmpdir(), 'pedigree-test-')), 'postgres');
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  (globalThis as Record<string, unknown>).__PEDIGREE_TEST_DB__ = db;
  process.env.PEDIGREE_TEST_ADMIN_URL = db.adminUrl;
}
