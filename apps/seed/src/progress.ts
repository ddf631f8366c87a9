import { Presets, SingleBar } from 'cli-progress';

export type ProgressMode = 'bar' | 'lines' | 'off';

/** Progress of the COPY phase on stderr: a bar on a terminal, a line every few seconds otherwise. */
export interface Progress {
  table(name: string): void;
  add(rows: number): void;
  stop(): void;
}

const LINE_INTERVAL_MS = 5000;

export function progressMode(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (!enabled) return 'off';
  return stream.isTTY ? 'bar' : 'lines';
}

export function createProgress(mode: ProgressMode, totalRows: number, log: (line: string) => void): Progress {
  const started = Date.now();
  let done = 0;
  let current = '';
  const rate = () => Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
  if (mode === 'off') return { table: () => undefined, add: () => undefined, stop: () => undefined };
  if (mode === 'lines') {
    let last = Date.now();
    const line = () =>
      log(
        `${current}: ${done.toLocaleString('en')} of ~${totalRows.toLocaleString('en')} rows (${Math.floor((100 * done) / totalRows)}%), ${rate().toLocaleString('en')} rows/s`,
      );
    return {
      table: (name) => (current = name),
      add: (n) => {
        done += n;
        if (Date.now() - last >= LINE_INTERVAL_MS) {
          last = Date.now();
          line();
        }
      },
      stop: line,
    };
  }
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'seeding |{bar}| {percentage}% | {value}/{total} rows | {table} | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 200,
      fps: 5,
    },
    Presets.shades_classic,
  );
  bar.start(totalRows, 0, { table: '', rate: 0 });
  return {
    table: (name) => {
      current = name;
      bar.update(done, { table: current, rate: rate() });
    },
    add: (n) => {
      done += n;
      // The plan's total is an estimate for retractions; never let the bar run past its end.
      bar.setTotal(Math.max(totalRows, done));
      bar.update(done, { table: current, rate: rate() });
    },
    stop: () => bar.stop(),
  };
}
