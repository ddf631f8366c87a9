import { SingleBar, Presets } from 'cli-progress';
import { formatBytes } from './human-format';
import { renderReport, Report, ReportFormat } from './report-format';

export interface GlobalOptions {
  url: string;
  token?: string;
  json: boolean;
  dryRun: boolean;
  progress: boolean;
}

export interface Progress {
  increment(n?: number, label?: string): void;
  stop(): void;
}

/**
 * Human text on stdout by default, one JSON document with `--json`. Progress goes to stderr and
 * only appears once work has run for a second, so quick commands and pipes stay clean.
 */
export class CliOutput {
  constructor(private readonly options: Pick<GlobalOptions, 'json' | 'progress'>) {}

  get json(): boolean {
    return this.options.json;
  }

  line(text = ''): void {
    if (!this.options.json) process.stdout.write(`${text}\n`);
  }

  result(human: string | string[], machine: unknown): void {
    if (this.options.json) process.stdout.write(`${JSON.stringify(machine, null, 2)}\n`);
    else process.stdout.write(`${(Array.isArray(human) ? human : [human]).join('\n')}\n`);
  }

  /** A report in the chosen format; `machine` is what `--json` prints (raw values, as the registry answered). */
  report(format: ReportFormat, report: Report, machine: unknown): void {
    process.stdout.write(format === 'json' ? `${JSON.stringify(machine, null, 2)}\n` : renderReport(report, format));
  }

  progress(total: number, unit: string, kind: ProgressKind = 'count'): Progress {
    const enabled = this.options.progress && process.stderr.isTTY === true;
    const started = Date.now();
    let bar: SingleBar | null = null;
    let value = 0;
    let label = '';
    const render = () => {
      if (!enabled) return;
      if (!bar && Date.now() - started >= 1000) {
        bar = new SingleBar(
          { format: progressFormat(unit), formatValue: progressValue(kind), stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
          Presets.shades_classic,
        );
        bar.start(total, value, { label });
      } else bar?.update(value, { label });
    };
    return {
      increment(n = 1, newLabel?: string) {
        value += n;
        if (newLabel !== undefined) label = newLabel.length > 48 ? `${newLabel.slice(0, 47)}…` : newLabel;
        render();
      },
      stop() {
        (bar as SingleBar | null)?.stop();
      },
    };
  }
}

export type ProgressKind = 'count' | 'bytes';

/** The bar's layout: ETA after the counts, since a long hash or import is where people ask "how long". */
export function progressFormat(unit: string): string {
  return ` {bar} {percentage} % | {value}/{total} ${unit} | ETA {eta_formatted} | {label}`;
}

/** cli-progress's value hook: byte counts read as KiB/MiB/GiB; percentages and plain counts unchanged. */
export function progressValue(kind: ProgressKind): (value: number, options: unknown, type: string) => string {
  return (value, _options, type) => (kind === 'bytes' && (type === 'value' || type === 'total') ? formatBytes(value) : String(value));
}
