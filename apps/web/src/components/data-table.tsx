import type { ReactNode } from 'react';
import { fileNameOf, toCsv, type Column } from './csv';
import { downloadCsv } from './download';

export interface TableColumn<Row> extends Column<Row> {
  /** How the cell shows on the page, when it is more than its CSV value (a link, a path). */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
  /** A control (a button, report links): shown on screen only, not printed or exported. */
  screenOnly?: boolean;
}

interface DataTableProps<Row> {
  caption: string;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  empty: string;
  /** Marks a row as the one shown in the graph. */
  selectedKey?: string | null;
  note?: ReactNode;
}

/** A report table with its own Export CSV: the file holds exactly the rows and the columns of facts shown. */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty, selectedKey, note }: DataTableProps<Row>) {
  const exportCsv = () =>
    downloadCsv(
      `${fileNameOf(caption)}.csv`,
      toCsv(
        columns.filter((c) => !c.screenOnly),
        rows,
      ),
    );
  const classOf = (c: TableColumn<Row>) => [c.numeric ? 'numeric' : '', c.screenOnly ? 'no-print' : ''].join(' ').trim() || undefined;
  return (
    <section className="report-table" aria-label={caption}>
      <div className="table-heading">
        <h3>{caption}</h3>
        <button type="button" className="no-print" onClick={exportCsv} disabled={rows.length === 0} aria-label={`Export CSV: ${caption}`}>
          Export CSV
        </button>
      </div>
      {note ? <p className="table-note">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col" className={classOf(c)}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const key = rowKey(row, index);
                return (
                  <tr key={key} className={key === selectedKey ? 'selected' : undefined} aria-selected={key === selectedKey ? true : undefined}>
                    {columns.map((c) => (
                      <td key={c.header} className={classOf(c)}>
                        {c.render ? c.render(row) : String(c.value(row) ?? '—')}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
