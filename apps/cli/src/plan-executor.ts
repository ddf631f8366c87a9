import { ImportMutation, ImportOp, ImportPlan } from '@pedigree/interop';
import { CliOutput } from './cli-output';
import { RegistryClient } from './registry-client';

const ITEM_FIELD: Record<ImportMutation, string> = {
  registerOrganization: 'organization',
  registerLicense: 'license',
  registerModel: 'model',
  registerDataset: 'dataset',
  registerCheckpoint: 'checkpoint',
  assertLineage: 'edge',
  registerDeployment: 'deployment',
};

/** Items per applyPlan request; the server takes up to 500, and a batch must finish within its deadline. */
export const BATCH_ITEMS = 200;
/** Request bytes per batch, under the server's 1 MiB body limit with room to spare. */
const BATCH_BYTES = 600_000;

const APPLY = `mutation($input: ApplyPlanInput!) { applyPlan(input: $input) {
  applied dryRun
  items { index kind key label outcome id code message field fields suggestions cyclePath tolerated }
} }`;

export interface ItemResult {
  kind: string;
  key: string;
  label: string;
  outcome: 'CREATED' | 'ALREADY_PRESENT' | 'CONFLICT' | 'REFUSED';
  code: string | null;
  message: string | null;
  field: string | null;
  fields: string[];
  suggestions: string[];
  cyclePath: string[];
  tolerated: boolean;
  /** Dry run only: a reference to something an earlier batch would create, which a dry run cannot check. */
  dependsOnEarlierBatch?: boolean;
}

export interface ExecutionReport {
  dryRun: boolean;
  /** True when every batch was written (false for a dry run). */
  applied: boolean;
  batches: number;
  /** The first batch that was not written (1-based), when one failed; batches before it were written. */
  failedBatch: number | null;
  items: ItemResult[];
}

export function toItem(op: ImportOp, tolerateCycles: boolean): Record<string, unknown> {
  return {
    [ITEM_FIELD[op.mutation]]: op.input,
    label: op.label,
    ifAbsent: !!op.onlyIfAbsent,
    keepExisting: !!op.tolerateConflict,
    tolerateCycle: tolerateCycles && op.mutation === 'assertLineage',
  };
}

/** Splits items in order into batches under both the item and the byte budget. */
export function batches(items: Record<string, unknown>[], maxItems = BATCH_ITEMS, maxBytes = BATCH_BYTES): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  let current: Record<string, unknown>[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (current.length && (current.length >= maxItems || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

/** How many applyPlan requests the plan takes. */
export function batchCount(plan: ImportPlan): number {
  return batches(plan.ops.map((op) => toItem(op, false))).length;
}

/**
 * Sends a plan through `applyPlan`, one transaction per batch: a batch is written whole or not at
 * all, and the run stops at the first batch that is not. Re-running resumes, because what earlier
 * batches wrote comes back ALREADY_PRESENT.
 */
export async function executePlan(
  client: RegistryClient,
  plan: ImportPlan,
  output: CliOutput,
  opts: { dryRun: boolean; tolerateCycles: boolean },
): Promise<ExecutionReport> {
  const parts = batches(plan.ops.map((op) => toItem(op, opts.tolerateCycles)));
  const report: ExecutionReport = { dryRun: opts.dryRun, applied: false, batches: parts.length, failedBatch: null, items: [] };
  const progress = output.progress(plan.ops.length, 'items');
  const created = new Set<string>();
  try {
    for (const [b, items] of parts.entries()) {
      const { applyPlan } = await client.request<{ applyPlan: { applied: boolean; items: ItemResult[] } }>(APPLY, { input: { items, dryRun: opts.dryRun } });
      for (const item of applyPlan.items) {
        // A dry run writes nothing, so a later batch cannot see what an earlier one would create.
        if (opts.dryRun && item.outcome === 'REFUSED' && item.code === 'NOT_FOUND' && mentionsAny(item.message, created)) item.dependsOnEarlierBatch = true;
        if (item.outcome === 'CREATED') created.add(item.key.toLowerCase());
        report.items.push(item);
      }
      progress.increment(items.length, `batch ${b + 1}/${parts.length}`);
      const ok =
        applyPlan.applied ||
        (opts.dryRun && applyPlan.items.every((i) => i.outcome === 'CREATED' || i.outcome === 'ALREADY_PRESENT' || i.tolerated || i.dependsOnEarlierBatch));
      if (!ok) {
        report.failedBatch = b + 1;
        break;
      }
    }
  } finally {
    progress.stop();
  }
  report.applied = !opts.dryRun && report.failedBatch === null;
  return report;
}

function mentionsAny(message: string | null, keys: Set<string>): boolean {
  const quoted = /"([^"]+)" does not exist/.exec(message ?? '')?.[1]?.toLowerCase();
  return !!quoted && keys.has(quoted);
}

/** Items that stop the plan: refused or in conflict, and not tolerated. */
export function failures(report: ExecutionReport): ItemResult[] {
  return report.items.filter((i) => (i.outcome === 'REFUSED' || i.outcome === 'CONFLICT') && !i.tolerated && !i.dependsOnEarlierBatch);
}

export function cyclesRefused(report: ExecutionReport): ItemResult[] {
  return report.items.filter((i) => i.code === 'CYCLE');
}
