import { CliError } from './registry-client';

export type Cell = string | number | boolean | null | undefined | readonly string[];
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  header: string;
  /** How people read the value (table and Markdown); CSV and JSON keep it raw. */
  human?: (value: Cell) => string;
  align?: 'left' | 'right';
}

/** A text column; its header is its key unless people need other words. */
export const column = (key: string, header = key): Column => ({ key, header });
/** A number column, right-aligned. */
export const numeric = (key: string, header = key, human?: Column['human']): Column => ({ key, header, align: 'right', ...(human ? { human } : {}) });

export interface Section {
  title: string;
  columns: Column[];
  rows: Row[];
}

/** A report: a few lines of summary, then titled tables. */
export interface Report {
  title: string;
  summary: string[];
  sections: Section[];
}

export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatFlags {
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  format?: string;
}

/**
 * One format from `--format` and its shorthands (`--json`, `--csv`, `--markdown`). Two that
 * disagree are a usage error rather than a silent pick, so a pipeline never parses the wrong thing.
 */
export function reportFormat(flags: FormatFlags, allowed: readonly string[] = REPORT_FORMATS): string {
  const asked = new Set<string>();
  if (flags.format !== undefined) {
    const f = flags.format.toLowerCase();
    if (!allowed.includes(f)) throw new CliError(`--format must be one of ${allowed.join(', ')}; got "${flags.format}"`, 'USAGE');
    asked.add(f);
  }
  for (const f of ['json', 'csv', 'markdown'] as const) if (flags[f]) asked.add(f);
  if (asked.size > 1)
    throw new CliError(`choose one output format; got ${[...asked].map((f) => `--${f === 'table' ? 'format table' : f}`).join(' and ')}`, 'USAGE');
  return [...asked][0] ?? allowed[0];
}

function humanCell(column: Column, value: Cell): string {
  if (column.human) return column.human(value);
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  return String(value);
}

/** Raw values for machines: lists joined with "; ", nothing for null. */
function rawCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

/** Terminal width of a string: code points, so "→" and "—" count as one. */
const width = (s: string) => [...s].length;

/** An aligned text table: headers, a rule, then rows; numbers right-aligned. */
export function renderTextTable(section: Pick<Section, 'columns' | 'rows'>): string[] {
  const cells = section.rows.map((r) => section.columns.map((c) => humanCell(c, r[c.key]).replace(/\s*\n\s*/g, ' ')));
  const widths = section.columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i]))));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i] - width(s));
    return section.columns[i].align === 'right' ? fill + s : s + fill;
  };
  const line = (r: string[]) => r.map(pad).join('  ').trimEnd();
  return [line(section.columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)];
}

export function renderTextReport(report: Report): string[] {
  const out = [report.title, ...report.summary];
  for (const s of report.sections) {
    out.push('', `${s.title}:`);
    out.push(...(s.rows.length ? renderTextTable(s).map((l) => `  ${l}`) : ['  (none)']));
  }
  return out;
}

/** GitHub-flavoured Markdown: a pipe inside a cell is escaped and a line break becomes <br>. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function renderMarkdownTable(section: Pick<Section, 'columns' | 'rows'>): string[] {
  const row = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [
    row(section.columns.map((c) => c.header)),
    `|${section.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`,
    ...section.rows.map((r) => row(section.columns.map((c) => humanCell(c, r[c.key])))),
  ];
}

export function renderMarkdownReport(report: Report): string[] {
  const out = [`## ${markdownCell(report.title)}`, ''];
  if (report.summary.length) out.push(...report.summary.map((l) => `${markdownCell(l)}  `), '');
  for (const s of report.sections) {
    out.push(`### ${markdownCell(s.title)}`, '');
    out.push(...(s.rows.length ? renderMarkdownTable(s) : ['_none_']), '');
  }
  return out.slice(0, -1);
}

/** RFC 4180: a field holding a comma, quote, CR or LF is quoted, and quotes inside are doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines end in CRLF, as RFC 4180 says; spreadsheets and csv parsers accept it. */
export function renderCsv(columns: readonly { key: string; header: string }[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(c.header)), ...rows.map((r) => columns.map((c) => csvField(rawCell(r[c.key]))))];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

/**
 * One CSV document for a whole report: a `section` column, then the union of the sections'
 * columns keyed by their machine names, empty where a section has no such column.
 */
export function renderCsvReport(report: Report): string {
  const columns: { key: string; header: string }[] = [{ key: '__section', header: 'section' }];
  for (const s of report.sections) for (const c of s.columns) if (!columns.some((k) => k.key === c.key)) columns.push({ key: c.key, header: c.key });
  const rows = report.sections.flatMap((s) => s.rows.map((r) => ({ ...r, __section: s.title })));
  return renderCsv(columns, rows);
}

/** The whole output for a non-JSON format, ending in a newline. */
export function renderReport(report: Report, format: Exclude<ReportFormat, 'json'>): string {
  switch (format) {
    case 'csv':
      return renderCsvReport(report);
    case 'markdown':
      return `${renderMarkdownReport(report).join('\n')}\n`;
    case 'table':
      return `${renderTextReport(report).join('\n')}\n`;
    default:
      return assertUnreachable(format);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unhandled format ${String(value)}`);
}
