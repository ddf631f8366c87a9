import { CommanderError } from 'commander';
import { describeDatabase, migrate, openDatabase, ResolvedDatabase, openBulkConnection } from './database/seed-database';
import { BulkLoadRepository } from './database/bulk-load.repository';
import { GeneratedPlan, GeneratorChannel } from './generator/generator-channel';
import { GeneratorInput } from './generator/generator-protocol';
import { createProgress, Progress, progressMode } from './progress';
import { buildCommand, readOptions, SeedOptions } from './seed-options';
import { loadGenerated, SEEDED_TABLES, SeedRefused, stopwatch } from './seeder';
import { formatSummary, summarize, Summary } from './summary';

/** Exit codes: 0 seeded, 1 refused or failed (nothing was written), 2 bad usage, 130 interrupted. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

const log = (line: string) => process.stderr.write(`[seed] ${line}\n`);

/** Starts the generator worker when the seeder asks for it, and remembers what it planned. */
class Generation {
  channel: GeneratorChannel | null = null;
  plan: GeneratedPlan | null = null;

  constructor(
    private readonly input: GeneratorInput,
    private readonly options: SeedOptions,
    private readonly database: string,
  ) {}

  async start(): Promise<{ generator: GeneratorChannel; progress: Progress }> {
    log(`planning ${this.input.models.toLocaleString('en')} models with seed ${this.input.seed}`);
    const { channel, plan } = await GeneratorChannel.start(this.input);
    this.channel = channel;
    this.plan = plan;
    const expectedRows = Object.values(plan.expected).reduce((a, b) => a + b, 0);
    log(`loading ~${expectedRows.toLocaleString('en')} rows into ${this.database}`);
    const progress = createProgress(progressMode(this.options.progress), expectedRows, log);
    channel.onRows = (n) => progress.add(n);
    return { generator: channel, progress };
  }

  async stop(): Promise<void> {
    await this.channel?.stop();
  }
}

async function run(options: SeedOptions): Promise<Summary> {
  const overall = stopwatch();
  const db = await openDatabase(options.databaseUrl, log);
  stopOnSignal(db);
  const { name, server, label: database } = describeDatabase(db.url);
  try {
    const migrations = await migrate(db.url);
    if (migrations.length) log(`ran ${migrations.length} migrations: ${migrations.join(', ')}`);
    const client = await openBulkConnection(db.url, log);
    const repo = new BulkLoadRepository(client);
    try {
      const input = { seed: options.seed, models: options.models, derivedFrom: await repo.hasRelation('DERIVED_FROM') };
      const generation = new Generation(input, options, database);
      const result = await loadGenerated(client, { database, seed: options.seed, models: options.models, generate: () => generation.start(), log }).finally(
        () => generation.stop(),
      );
      const sizes = await repo.sizes(SEEDED_TABLES);
      return summarize({
        database: name,
        server,
        seed: options.seed,
        models: options.models,
        migrations,
        result,
        sizes,
        shape: generation.plan!.shape,
        elapsed: overall.lap(),
      });
    } finally {
      await client.end();
    }
  } finally {
    await db.embedded?.stop();
  }
}

/**
 * Ctrl-C mid-load: exiting closes the connection, so PostgreSQL rolls the load transaction back.
 * The embedded server is stopped first, since the bootstrap took its own signal handling away.
 */
function stopOnSignal(db: ResolvedDatabase): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping; the load transaction is rolled back, nothing is written`);
      void (db.embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(EXIT_INTERRUPTED));
    });
  }
}

async function main(): Promise<void> {
  const command = buildCommand();
  try {
    command.parse(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    throw error;
  }
  const options = readOptions(command);
  try {
    const summary = await run(options);
    process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(error instanceof SeedRefused ? `${message}\n` : `seed:synthetic failed: ${message}\n`);
    process.exit(EXIT_FAILED);
  }
}

void main();
