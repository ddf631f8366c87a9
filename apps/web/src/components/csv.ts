// CSV as RFC 4180 (quotes doubled, fields with a comma, quote or newline quoted), so the file
// opens in a spreadsheet exactly as the table reads on the page.
export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

const field = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => field(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the object URL by now; free it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a title: lower case, dashes, no characters a file system may refuse. */
export const fileNameOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
