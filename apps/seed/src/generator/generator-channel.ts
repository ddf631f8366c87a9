import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GeneratorInput, GeneratorMessage } from './generator-protocol';

export interface TableStream {
  table: string;
  columns: readonly string[];
  expected: number;
  /** The table's COPY text; each chunk is credited back to the worker once it has been consumed. */
  chunks: AsyncIterable<Uint8Array>;
}

export interface GeneratedPlan {
  expected: Record<string, number>;
  shape: Record<string, unknown>;
}

/**
 * The seeder's end of the generator worker: turns its messages back into a sequence of tables,
 * each a stream of chunks, and surfaces a worker failure as a rejected read.
 */
export class GeneratorChannel {
  private readonly queue: GeneratorMessage[] = [];
  private waiting: { resolve: (m: GeneratorMessage) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  /** Called with the row count of each chunk once it has been consumed. */
  onRows: (rows: number) => void = () => undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: GeneratorMessage) => this.deliver(m));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`the generator stopped (exit code ${code}) before it finished`)));
  }

  static async start(input: GeneratorInput): Promise<{ channel: GeneratorChannel; plan: GeneratedPlan }> {
    const channel = new GeneratorChannel(new Worker(join(__dirname, 'generator.worker.js'), { workerData: input }));
    const first = await channel.next();
    if (first.type !== 'plan') throw new Error(`generator protocol: expected the plan, got ${first.type}`);
    return { channel, plan: { expected: first.expected, shape: first.shape } };
  }

  async *tables(): AsyncGenerator<TableStream> {
    for (;;) {
      const m = await this.next();
      if (m.type === 'done') return;
      if (m.type !== 'table') throw new Error(`generator protocol: expected a table, got ${m.type}`);
      yield { table: m.table, columns: m.columns, expected: m.expected, chunks: this.chunks() };
    }
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private async *chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const m = await this.next();
      if (m.type === 'end') return;
      if (m.type !== 'chunk') throw new Error(`generator protocol: expected a chunk, got ${m.type}`);
      yield m.data;
      this.onRows(m.rows);
      this.worker.postMessage({ type: 'credit' });
    }
  }

  private next(): Promise<GeneratorMessage> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private deliver(m: GeneratorMessage): void {
    if (m.type === 'done') this.worker.removeAllListeners('exit');
    const w = this.waiting;
    this.waiting = null;
    if (w) w.resolve(m);
    else this.queue.push(m);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.failure);
  }
}
