import { RegistryProcess } from '@pedigree/testing';

/**
 * A popular base with `count` direct derivatives, written straight into the tables in three
 * statements (registering 30,000 models through the API would take minutes). The running
 * registry learns of the edges through its change feed, as it would of another instance's writes.
 */
export async function seedWideLineage(r: RegistryProcess, base: string, count: number): Promise<void> {
  const [template] = await r.sql(`SELECT m.publisher_id, m.evidence, m.registration FROM model m JOIN lineage_node n ON n.id = m.id WHERE n.key = $1`, [base]);
  if (!template) throw new Error(`seedWideLineage: register ${base} first`);
  await r.sql(`INSERT INTO lineage_node(kind, key) SELECT 'MODEL', $1 || '-d' || i FROM generate_series(1, $2) i`, [base, count]);
  await r.sql(
    `INSERT INTO model(id, name, publisher_id, access, evidence, registration)
     SELECT n.id, n.key, $2, 'OPEN_WEIGHTS', $3, $4 FROM lineage_node n WHERE starts_with(n.key, $1 || '-d')`,
    [base, template.publisher_id, template.evidence, template.registration],
  );
  await r.sql(
    `INSERT INTO lineage_edge(derived_id, source_id, relation, origin, justification, observed_at, confidence, recorded_by)
     SELECT d.id, b.id, 'FINETUNE', 'PIPELINE_DECLARATION', 'seeded for a test', now(), 1, 'test'
     FROM lineage_node d, lineage_node b WHERE starts_with(d.key, $1 || '-d') AND b.key = $1 AND b.kind = 'MODEL'`,
    [base],
  );
}

/** Waits until the registry's lineage answers show `count` descendants of `base`. */
export async function waitForDescendants(r: RegistryProcess, base: string, count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await r.gql(`query($b: String) { lineage(of: { model: $b }, direction: DESCENDANTS, maxDepth: 1, first: 1) { nodeCount } }`, { b: base });
    if (res.data?.lineage?.nodeCount === count + 1) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`the registry never saw ${count} descendants of ${base}`);
}
