import { rmSync } from 'node:fs';

/** Stops the shared embedded PostgreSQL, then removes its temp directory: nothing is left in /tmp. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as Record<string, unknown>;
  const db = state.__PEDIGREE_TEST_DB__ as { stop(): Promise<void> } | undefined;
  const root = state.__PEDIGREE_TEST_ROOT__ as string | undefined;
  // Each project's teardown runs; the first one stops the shared server, the others find nothing.
  delete state.__PEDIGREE_TEST_DB__;
  delete state.__PEDIGREE_TEST_ROOT__;
  try {
    await db?.stop();
  } finally {
    if (root) rmSync(root, { recursive: true, force: true });
  }
}
