import { ImportPlan } from '@pedigree/interop';
import { ExecutionReport, executionSummary } from './plan-executor';

/** The whole report: every finding is listed, so nothing the importer changed or skipped is silent. */
export function importReportLines(plan: ImportPlan, execution: ExecutionReport | null): string[] {
  const lines = [`source: ${plan.source}`, 'counts:'];
  for (const [k, v] of Object.entries(plan.counts)) lines.push(`  ${k}: ${v}`);
  const byKind = new Map<string, typeof plan.findings>();
  for (const f of plan.findings) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  for (const [kind, list] of byKind) {
    lines.push(`${kind} (${list.length}):`);
    for (const f of list) lines.push(`  ${f.subject}: ${f.detail}`);
  }
  if (execution) lines.push(...executionSummary(execution));
  else {
    lines.push('would register (dry run, nothing written):');
    for (const op of plan.ops) lines.push(`  ${op.mutation.padEnd(20)} ${op.label}${op.onlyIfAbsent ? '  (unless it exists)' : ''}`);
    lines.push(`${plan.ops.length} operations planned`);
  }
  return lines;
}

export function importReportJson(plan: ImportPlan, execution: ExecutionReport | null, dryRun: boolean): unknown {
  return {
    source: plan.source,
    dryRun,
    counts: plan.counts,
    findings: plan.findings,
    ...(dryRun ? { operations: plan.ops.map((o) => ({ mutation: o.mutation, label: o.label, input: o.input })) } : { execution }),
  };
}
