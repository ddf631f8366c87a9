import { ImportPlan } from '@pedigree/interop';
import { cyclesRefused, ExecutionReport, failures, ItemResult } from './plan-executor';

/** Above this many items the text report lists only what was not plain CREATED/ALREADY_PRESENT; --json has them all. */
const LIST_ITEMS_UP_TO = 100;

interface Totals {
  created: number;
  alreadyPresent: number;
  refused: number;
  conflict: number;
}

function totals(items: readonly ItemResult[]): Map<string, Totals> {
  const out = new Map<string, Totals>([['total', { created: 0, alreadyPresent: 0, refused: 0, conflict: 0 }]]);
  for (const i of items) {
    for (const key of [i.kind.toLowerCase(), 'total']) {
      const t = out.get(key) ?? { created: 0, alreadyPresent: 0, refused: 0, conflict: 0 };
      if (i.outcome === 'CREATED') t.created++;
      else if (i.outcome === 'ALREADY_PRESENT') t.alreadyPresent++;
      else if (i.outcome === 'CONFLICT') t.conflict++;
      else t.refused++;
      out.set(key, t);
    }
  }
  const total = out.get('total')!;
  out.delete('total');
  return out.set('total', total);
}

function totalLine(t: Totals): string {
  return `${t.created} created, ${t.alreadyPresent} already present, ${t.refused} refused${t.conflict ? `, ${t.conflict} in conflict` : ''}`;
}

function itemLine(i: ItemResult): string {
  const why =
    i.outcome === 'CREATED' || i.outcome === 'ALREADY_PRESENT'
      ? i.fields.length
        ? `  (kept existing; differs in ${i.fields.join(', ')})`
        : ''
      : `  [${i.code}] ${i.message ?? ''}`;
  const note = i.dependsOnEarlierBatch ? '  (needs an earlier batch; a dry run cannot check it)' : i.tolerated ? '  (tolerated)' : '';
  return `  ${i.outcome.padEnd(15)} ${i.label}${why}${note}`;
}

/** The same per-item lines for a dry run and a real run; only the headline says whether it was written. */
export function executionLines(report: ExecutionReport): string[] {
  const t = totals(report.items);
  const bad = failures(report);
  const headline = report.dryRun
    ? `dry run, nothing written: ${bad.length ? `${bad.length} item(s) would be refused` : 'every item would be accepted'}`
    : report.applied
      ? `written${report.batches > 1 ? ` in ${report.batches} batches, each in one transaction` : ' in one transaction'}`
      : `NOT WRITTEN: batch ${report.failedBatch} of ${report.batches} was refused as a whole${report.failedBatch! > 1 ? `; batches 1 to ${report.failedBatch! - 1} were written, and re-running resumes after them` : ', nothing was written'}`;
  const lines = [headline];
  for (const [kind, k] of t) lines.push(`  ${kind.padEnd(13)} ${totalLine(k)}`);
  const listed =
    report.items.length <= LIST_ITEMS_UP_TO ? report.items : report.items.filter((i) => i.outcome !== 'CREATED' && i.outcome !== 'ALREADY_PRESENT');
  if (listed.length) lines.push('items:', ...listed.map(itemLine));
  for (const f of bad) if (f.suggestions.length) lines.push(`  close matches for ${f.label}: ${f.suggestions.join(', ')}`);
  const cycles = cyclesRefused(report);
  if (cycles.length) {
    lines.push(`cycles refused by the registry: ${cycles.length}`);
    for (const c of cycles) lines.push(`  ${c.label}${c.cyclePath.length ? `  (loop: ${c.cyclePath.join(' -> ')})` : ''}`);
  }
  return lines;
}

/** The whole report: every finding is listed, so nothing the importer changed or skipped is silent. */
export function importReportLines(plan: ImportPlan, execution: ExecutionReport): string[] {
  const lines = [`source: ${plan.source}`, 'counts:'];
  for (const [k, v] of Object.entries(plan.counts)) lines.push(`  ${k}: ${v}`);
  const byKind = new Map<string, typeof plan.findings>();
  for (const f of plan.findings) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  for (const [kind, list] of byKind) {
    lines.push(`${kind} (${list.length}):`);
    for (const f of list) lines.push(`  ${f.subject}: ${f.detail}`);
  }
  return [...lines, ...executionLines(execution)];
}

export function importReportJson(plan: ImportPlan, execution: ExecutionReport): unknown {
  const t = totals(execution.items);
  return {
    source: plan.source,
    dryRun: execution.dryRun,
    applied: execution.applied,
    batches: execution.batches,
    failedBatch: execution.failedBatch,
    counts: plan.counts,
    findings: plan.findings,
    totals: Object.fromEntries(t),
    items: execution.items,
  };
}
