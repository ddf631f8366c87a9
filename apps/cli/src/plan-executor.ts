import { ImportMutation, ImportOp, ImportPlan } from '@pedigree/interop';
import { CliOutput } from './cli-output';
import { RegistryClient, RegistryError } from './registry-client';

const INPUT_TYPE: Record<ImportMutation, string> = {
  registerOrganization: 'RegisterOrganizationInput',
  registerLicense: 'RegisterLicenseInput',
  registerModel: 'RegisterModelInput',
  registerDataset: 'RegisterDatasetInput',
  registerCheckpoint: 'RegisterCheckpointInput',
  assertLineage: 'AssertLineageInput',
  registerDeployment: 'RegisterDeploymentInput',
};

const EXISTS: Record<NonNullable<ImportOp['onlyIfAbsent']>['query'], string> = {
  model: 'query($n: String!) { found: model(name: $n) { id } }',
  dataset: 'query($n: String!) { found: dataset(name: $n) { id } }',
  organization: 'query($n: String!) { found: organization(slug: $n) { id } }',
  license: 'query($n: String!) { found: customLicense(key: $n) { key } }',
  checkpoint: 'query($n: String!) { found: checkpoint(digest: $n) { id } }',
};

/** Whether the registry already holds a record of that kind and name (slug, key or digest). */
export async function exists(client: RegistryClient, kind: keyof typeof EXISTS, name: string): Promise<boolean> {
  const { found } = await client.request<{ found: unknown }>(EXISTS[kind], { n: name });
  return !!found;
}

/**
 * A license already in the registry is kept whatever its terms, and needs no write: importers
 * only know placeholder terms, and registering reference data needs an admin token, which a
 * pipeline's token is not.
 */
function existenceCheck(op: ImportOp): ImportOp['onlyIfAbsent'] {
  if (op.onlyIfAbsent) return op.onlyIfAbsent;
  if (op.mutation === 'registerLicense') return { query: 'license', name: String(op.input.key) };
  return undefined;
}

export interface RejectedOp {
  label: string;
  code: string;
  message: string;
  /** For a rejected cycle: the node names along the loop. */
  path?: string[];
}

export interface ExecutionReport {
  applied: number;
  /** Placeholders skipped because a record of that name already existed. */
  alreadyPresent: number;
  /** CONFLICT on an op marked `tolerateConflict`: a richer existing record was kept. */
  keptExisting: number;
  /** Edges the registry refused because they would close a cycle. */
  cyclesRejected: RejectedOp[];
  /** Anything else the registry refused. Any entry here makes the command exit non-zero. */
  failed: RejectedOp[];
}

/**
 * Runs a plan op by op, in order, through the public API: every write gets the registry's own
 * validation, cycle check and audit event. Registrations are idempotent, so a re-run is safe.
 */
export async function executePlan(client: RegistryClient, plan: ImportPlan, output: CliOutput): Promise<ExecutionReport> {
  const report: ExecutionReport = { applied: 0, alreadyPresent: 0, keptExisting: 0, cyclesRejected: [], failed: [] };
  const progress = output.progress(plan.ops.length, 'operations');
  try {
    for (const op of plan.ops) {
      progress.increment(1, op.label);
      await executeOp(client, op, report);
    }
  } finally {
    progress.stop();
  }
  return report;
}

async function executeOp(client: RegistryClient, op: ImportOp, report: ExecutionReport): Promise<void> {
  const check = existenceCheck(op);
  if (check) {
    if (await exists(client, check.query, check.name)) {
      report.alreadyPresent++;
      return;
    }
  }
  try {
    await client.request(`mutation($input: ${INPUT_TYPE[op.mutation]}!) { result: ${op.mutation}(input: $input) { __typename } }`, { input: op.input });
    report.applied++;
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    const first = err.errors[0];
    const rejected: RejectedOp = { label: op.label, code: err.code, message: first?.message ?? err.message };
    if (err.code === 'CYCLE') {
      report.cyclesRejected.push({ ...rejected, path: (first?.extensions?.path as string[] | undefined) ?? undefined });
    } else if (err.code === 'CONFLICT' && op.tolerateConflict) {
      report.keptExisting++;
    } else {
      report.failed.push(rejected);
    }
  }
}

export function executionSummary(report: ExecutionReport): string[] {
  const lines = [
    `applied ${report.applied} operations; ${report.alreadyPresent} already present; ${report.keptExisting} existing records kept`,
  ];
  if (report.cyclesRejected.length) {
    lines.push(`cycles rejected by the registry: ${report.cyclesRejected.length}`);
    for (const c of report.cyclesRejected) lines.push(`  ${c.label}${c.path ? `  (loop: ${c.path.join(' -> ')})` : ''}`);
  }
  if (report.failed.length) {
    lines.push(`FAILED: ${report.failed.length}`);
    for (const f of report.failed) lines.push(`  ${f.label}: [${f.code}] ${f.message}`);
  }
  return lines;
}
