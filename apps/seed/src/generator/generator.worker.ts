import { parentPort, workerData } from 'node:worker_threads';
import { planSeed } from '../plan/seed.plan';
import { tableLoads } from '../rows/table-loads';
import { planShape } from '../plan/plan-shape';
import { CHUNK_CHARS, CREDITS, GeneratorInput, GeneratorMessage, SeederMessage } from './generator-protocol';

/**
 * Plans and generates rows on its own thread. On the main thread, generating a chunk blocks the
 * socket writes that keep PostgreSQL busy, so the two would take turns; here they overlap.
 */
const port = parentPort!;
const input = workerData as GeneratorInput;
const encoder = new TextEncoder();
let credits = CREDITS;
let wake: (() => void) | null = null;

port.on('message', (m: SeederMessage) => {
  if (m.type !== 'credit') return;
  credits++;
  wake?.();
  wake = null;
});

const post = (m: GeneratorMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function send(text: string, rows: number): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  const data = encoder.encode(text);
  post({ type: 'chunk', data, rows }, [data.buffer as ArrayBuffer]);
}

async function generate(): Promise<void> {
  const plan = planSeed(input.seed, input.models, { derivedFrom: input.derivedFrom });
  post({ type: 'plan', expected: plan.expected, shape: planShape(plan) });
  for (const load of tableLoads(plan)) {
    post({ type: 'table', table: load.table, columns: load.columns, expected: load.expected });
    let buffer = '';
    let rows = 0;
    for (const line of load.rows()) {
      buffer += line;
      rows++;
      if (buffer.length >= CHUNK_CHARS) {
        await send(buffer, rows);
        buffer = '';
        rows = 0;
      }
    }
    if (rows) await send(buffer, rows);
    post({ type: 'end' });
  }
  post({ type: 'done' });
}

void generate().then(
  // Nothing is left to send; let the thread end once the queued messages are out.
  () => port.unref(),
  // An uncaught rejection ends the worker with an 'error' event, which the seeder turns into a rollback.
  (error) => {
    throw error;
  },
);
