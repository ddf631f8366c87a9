import { createHash, randomBytes } from 'node:crypto';
import { RegistryProcess } from './registry-process';

export const EVIDENCE = { origin: 'PIPELINE_DECLARATION', justification: 'test fixture' };

export function newDigest(seed: string = randomBytes(16).toString('hex')): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

let counter = 0;
export function uniqueName(prefix = 'model'): string {
  return `test-org/${prefix}-${process.pid}-${++counter}`;
}

/** Registers the organization the factories publish under (idempotent). */
export async function newOrganization(r: RegistryProcess, slug = 'test-org', country = 'FR'): Promise<void> {
  const res = await r.gql(
    `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`,
    { i: { slug, name: slug, country, kind: 'COMPANY', aliases: [], evidence: EVIDENCE } },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

export async function newModel(
  r: RegistryProcess,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const input = { name: uniqueName(), publisher: 'test-org', access: 'OPEN_WEIGHTS', license: 'Apache-2.0', evidence: EVIDENCE, ...overrides };
  const res = await r.gql(`mutation($i: RegisterModelInput!) { registerModel(input: $i) { id name } }`, { i: input });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.registerModel;
}

export async function assertEdge(r: RegistryProcess, derived: string, source: string, relation = 'FINETUNE') {
  return r.gql(
    `mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`,
    { i: { derived: { model: derived }, source: { model: source }, relation, evidence: EVIDENCE } },
  );
}

/** Row counts of every registry table: "nothing changed" means these are equal before and after. */
export async function tableCounts(r: RegistryProcess): Promise<Record<string, number>> {
  const tables = ['organization', 'organization_alias', 'custom_license', 'lineage_node', 'model', 'dataset', 'checkpoint', 'training_run', 'lineage_edge', 'lineage_retraction'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await r.sql(`SELECT count(*) AS n FROM ${t}`))[0].n);
  return out;
}
