import { createHash, randomBytes } from 'node:crypto';
import { GqlResponse, RegistryProcess } from './registry-process';

export const EVIDENCE = { origin: 'PIPELINE_DECLARATION', justification: 'test fixture' };

export function newDigest(seed: string = randomBytes(16).toString('hex')): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

/**
 * Throws when a set-up request failed. For beforeAll hooks, where an `expect` would stand outside
 * any test (jest/no-standalone-expect); a throw there fails every test of the block just the same.
 */
export function assertNoErrors<T extends Pick<GqlResponse, 'errors'>>(res: T, what = 'set-up request'): T {
  if (res.errors) throw new Error(`${what} failed: ${JSON.stringify(res.errors)}`);
  return res;
}

let counter = 0;
export function uniqueName(prefix = 'model'): string {
  return `test-org/${prefix}-${process.pid}-${++counter}`;
}

/** Registers the organization the factories publish under (idempotent). */
export async function newOrganization(r: RegistryProcess, slug = 'test-org', country = 'FR'): Promise<void> {
  const res = await r.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
    i: { slug, name: slug, country, kind: 'COMPANY', aliases: [], evidence: EVIDENCE },
  });
  assertNoErrors(res, `registerOrganization ${slug}`);
}

export async function newModel(r: RegistryProcess, overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const input = { name: uniqueName(), publisher: 'test-org', access: 'OPEN_WEIGHTS', license: 'Apache-2.0', evidence: EVIDENCE, ...overrides };
  const res = await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id name } }`, { i: input });
  return assertNoErrors(res, `registerModel ${input.name}`).data.registerModel;
}

export async function assertEdge(r: RegistryProcess, derived: string, source: string, relation = 'FINETUNE') {
  return r.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
    i: { derived: { model: derived }, source: { model: source }, relation, evidence: EVIDENCE },
  });
}

/**
 * Row counts of every table in the registry's schema, the audit trail included: "nothing changed"
 * means these are equal before and after. Listed from the catalog, so a new table is never missed;
 * signed tree heads are left out because a timer makes them, not a request.
 */
export async function tableCounts(r: RegistryProcess, options: { exposureWorker?: boolean } = {}): Promise<Record<string, number>> {
  // A committed lineage change's exposure.changed events are written just after it, in the
  // background: counts taken after a write wait for them, so a later count sees no stragglers. A
  // registry started with PEDIGREE_ALERTS_WORKER=off never drains the queue: pass exposureWorker: false.
  for (let waited = 0; options.exposureWorker !== false && Number((await r.sql(`SELECT count(*) AS n FROM exposure_change`))[0].n) > 0; waited += 50) {
    if (waited > 30_000) throw new Error('the exposure change queue did not drain within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const tables = await r.sql<{ name: string }>(
    // The policy and exposure workers' queues drain in the background at any moment; a refused
    // request cannot have queued anything (the trigger's insert rolls back with it), and
    // test/policies.e2e-spec.ts compares counts with the queue drained.
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('migrations', 'audit_tree_head', 'policy_reevaluation', 'policy_evaluation_task', 'exposure_change') ORDER BY 1`,
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = Number((await r.sql(`SELECT count(*) AS n FROM "${name}"`))[0].n);
  return out;
}
