import type { LoadResult } from './seeder';

export interface Summary {
  database: string;
  server: string;
  seed: number;
  models: number;
  migrationsRun: string[];
  counts: Record<string, number>;
  totalRows: number;
  /** Wall time of the whole run, and of the load transaction alone (BEGIN to COMMIT). */
  elapsedSeconds: number;
  loadSeconds: number;
  rowsPerSecond: number;
  /** lineage_edge rows per second of the load transaction, index rebuild included. */
  edgesPerSecond: number;
  /** lineage_edge rows per second while that table streamed. */
  edgeCopyPerSecond: number;
  phases: Record<string, number>;
  copySeconds: Record<string, number>;
  restored: LoadResult['restored'];
  tableBytes: Record<string, number>;
  shape: Record<string, unknown>;
  audit: LoadResult['audit'];
  peakRssBytes: number;
}

export interface SummaryInput {
  database: string;
  server: string;
  seed: number;
  models: number;
  migrations: string[];
  result: LoadResult;
  sizes: Record<string, number>;
  shape: Record<string, unknown>;
  elapsed: number;
}

export function summarize(i: SummaryInput): Summary {
  const { result } = i;
  const p = result.phases;
  const loadSeconds = p.prepare + p.copy + p.restore + p.finish;
  const totalRows = Object.values(result.counts).reduce((a, b) => a + b, 0);
  const edges = result.counts.lineage_edge;
  return {
    database: i.database,
    server: i.server,
    seed: i.seed,
    models: i.models,
    migrationsRun: i.migrations,
    counts: result.counts,
    totalRows,
    elapsedSeconds: i.elapsed,
    loadSeconds: Math.round(loadSeconds * 1000) / 1000,
    rowsPerSecond: Math.round(totalRows / loadSeconds),
    edgesPerSecond: Math.round(edges / loadSeconds),
    edgeCopyPerSecond: Math.round(edges / result.copySeconds.lineage_edge),
    phases: p,
    copySeconds: result.copySeconds,
    restored: result.restored,
    tableBytes: i.sizes,
    shape: i.shape,
    audit: result.audit,
    // maxRSS covers the whole process, generator thread included.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

export function formatSummary(s: Summary): string {
  const n = (x: number) => x.toLocaleString('en');
  const width = Math.max(...Object.keys(s.counts).map((t) => t.length));
  const lines = [
    `Seeded "${s.database}" on ${s.server} with seed ${s.seed} and ${n(s.models)} models.`,
    '',
    ...Object.entries(s.counts).map(([t, c]) => `  ${t.padEnd(width)}  ${n(c).padStart(12)} rows  ${mib(s.tableBytes[t] ?? 0).padStart(10)}`),
    '',
    `  total      ${n(s.totalRows)} rows in ${s.loadSeconds.toFixed(1)} s (load transaction), ${s.elapsedSeconds.toFixed(1)} s overall`,
    `  rate       ${n(s.rowsPerSecond)} rows/s, ${n(s.edgesPerSecond)} edges/s (lineage_edge alone streamed at ${n(s.edgeCopyPerSecond)}/s)`,
    `  phases     ${Object.entries(s.phases)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(', ')}`,
    `  rebuilt    ${s.restored.indexes} indexes, ${s.restored.uniques} unique constraints, ${s.restored.foreignKeys} foreign keys; schema identical to the migrations`,
    `  audit      event ${s.audit.eventId} (${s.audit.operation}, input digest ${s.audit.inputDigest.slice(0, 16)}…), chained when the registry starts`,
    `  peak RSS   ${mib(s.peakRssBytes)}`,
  ];
  return `${lines.join('\n')}\n`;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
