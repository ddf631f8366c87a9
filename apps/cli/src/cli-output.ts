import { SingleBar, Presets } from 'cli-progress';

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

  progress(total: number, unit: string): Progress {
    const enabled = this.options.progress && process.stderr.isTTY === true;
    const started = Date.now();
    let bar: SingleBar | null = null;
    let value = 0;
    let label = '';
    const render = () => {
      if (!enabled) return;
      if (!bar && Date.now() - started >= 1000) {
        bar = new SingleBar(
          { format: ` {bar} {percentage}% | {value}/{total} ${unit} | {label}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
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

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}
