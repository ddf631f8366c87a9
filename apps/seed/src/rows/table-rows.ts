/** One table's share of the load: its COPY column list and a lazy stream of COPY text rows. */
export interface TableRows {
  table: string;
  columns: readonly string[];
  /** Rows the plan says this table will get; sizes the progress bar. */
  expected: number;
  rows(): Iterable<string>;
}
