export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as Record<string, unknown>).__PEDIGREE_TEST_DB__ as { stop(): Promise<void> } | undefined;
  await db?.stop();
}
