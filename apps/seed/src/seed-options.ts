import { Command, InvalidArgumentError, Option } from 'commander';

export interface SeedOptions {
  models: number;
  seed: number;
  databaseUrl: string | undefined;
  progress: boolean;
  json: boolean;
}

export const DEFAULT_MODELS = 100_000;
export const DEFAULT_SEED = 42;
const MIN_MODELS = 100;
const MAX_MODELS = 20_000_000;

const integer = (name: string, min: number, max: number) => (raw: string) => {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
};

export function buildCommand(): Command {
  return new Command('seed:synthetic')
    .description(
      'Bulk-load an empty Pedigree database with a synthetic catalog shaped like the Hugging Face Hub ' +
        '(see docs/synthetic-data.md). Migrates the database first; refuses a database that already holds registry data.',
    )
    .addOption(
      new Option('--models <n>', 'models to generate; checkpoints ≈ models, edges ≈ 2.5 × models')
        .argParser(integer('--models', MIN_MODELS, MAX_MODELS))
        .default(DEFAULT_MODELS),
    )
    .addOption(
      new Option('--seed <n>', 'random seed: the same seed and --models give the same data').argParser(integer('--seed', 0, 2 ** 31 - 1)).default(DEFAULT_SEED),
    )
    .addOption(new Option('--database-url <url>', 'PostgreSQL to seed (default: DATABASE_URL, else the embedded PostgreSQL in PEDIGREE_DATA_DIR)'))
    .option('--no-progress', 'no progress output on stderr')
    .option('--json', 'print the summary as JSON on stdout (logs stay on stderr)')
    .showHelpAfterError()
    .exitOverride();
}

export function readOptions(command: Command): SeedOptions {
  const o = command.opts();
  return { models: o.models, seed: o.seed, databaseUrl: o.databaseUrl, progress: o.progress !== false, json: !!o.json };
}
