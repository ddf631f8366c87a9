import type { Client } from 'pg';
import { inputDigest } from '@pedigree/audit';
import { BulkLoadRepository } from './database/bulk-load.repository';
import { SchemaSnapshotRepository, snapshotDiff } from './database/schema-snapshot.repository';
import { GeneratorChannel } from './generator/generator-channel';
import { Progress } from './progress';

/** Every table the seeder writes in bulk (or proves empty beside one it writes), in load order. */
export const SEEDED_TABLES = [
  'organization',
  'ownership_stake',
  // Loaded empty, but emptied with its stakes: TRUNCATE refuses a referenced table alone.
  'ownership_retraction',
  'organization_alias',
  'custom_license',
  'lineage_node',
  'model',
  'dataset',
  'checkpoint',
  'training_run',
  'lineage_edge',
  'lineage_retraction',
  'deployment',
] as const;

export const AUDIT_ACTOR = 'system:seed-synthetic';
export const AUDIT_OPERATION = 'seedSynthetic';
export const GENERATOR_VERSION = 1;

export class SeedRefused extends Error {}

export interface LoadResult {
  counts: Record<string, number>;
  /** Seconds spent streaming each table. */
  copySeconds: Record<string, number>;
  phases: { prepare: number; copy: number; restore: number; finish: number; analyze: number };
  restored: { indexes: number; uniques: number; foreignKeys: number };
  audit: { eventId: string; operation: string; actor: string; inputDigest: string; input: Record<string, unknown> };
}

export interface LoadContext {
  database: string;
  seed: number;
  models: number;
  /** Starts generating; called only once the database is known to be empty and locked. */
  generate: () => Promise<{ generator: GeneratorChannel; progress: Progress }>;
  log: (line: string) => void;
}

/**
 * Loads what the generator streams in ONE transaction: lock, refuse if anything is there, drop
 * secondary indexes and foreign keys, COPY every table, rebuild and check the schema against the
 * snapshot, advance the sequences, record one audit event, commit. Any failure rolls it all back.
 */
export async function loadGenerated(client: Client, ctx: LoadContext): Promise<LoadResult> {
  const { database, log } = ctx;
  let progress: Progress | null = null;
  const repo = new BulkLoadRepository(client);
  const schema = new SchemaSnapshotRepository(client);
  const clock = stopwatch();
  let committed = false;
  await repo.begin();
  try {
    await repo.lock(SEEDED_TABLES);
    const occupied = await repo.occupied(SEEDED_TABLES);
    if (occupied.length) {
      throw new SeedRefused(
        `Refusing to seed database ${database}: it already holds registry data (${occupied.join(', ')} not empty). ` +
          'The seeder only loads an empty registry; create a fresh database (e.g. createdb pedigree_synthetic) and pass --database-url.',
      );
    }
    const before = await schema.snapshot();
    const deferred = schema.deferrable(before, SEEDED_TABLES);
    await schema.drop(deferred);
    await repo.freshStorage(SEEDED_TABLES);
    const started = await ctx.generate();
    progress = started.progress;
    const prepare = clock.lap();

    const counts: Record<string, number> = {};
    const copySeconds: Record<string, number> = {};
    for await (const load of started.generator.tables()) {
      progress.table(load.table);
      const t = stopwatch();
      counts[load.table] = await repo.copy(load.table, load.columns, load.chunks);
      copySeconds[load.table] = t.lap();
    }
    progress.stop();
    const copy = clock.lap();

    const total = deferred.uniques.length + deferred.indexes.length + deferred.foreignKeys.length;
    log(`rebuilding ${deferred.indexes.length} indexes, ${deferred.uniques.length} unique constraints and ${deferred.foreignKeys.length} foreign keys`);
    let step = 0;
    await schema.restore(deferred, (name) => log(`  [${++step}/${total}] ${name}`));
    const differences = snapshotDiff(before, await schema.snapshot());
    if (differences.length) throw new Error(`the schema after the load differs from the one the migrations made:\n  ${differences.join('\n  ')}`);
    const restore = clock.lap();

    await repo.advanceSequences(SEEDED_TABLES);
    const input = { counts, generator: 'pedigree-seed-synthetic', models: ctx.models, seed: ctx.seed, version: GENERATOR_VERSION };
    const digest = inputDigest(input);
    const eventId = await repo.appendAuditEvent(AUDIT_ACTOR, AUDIT_OPERATION, digest);
    await repo.commit();
    committed = true;
    const finish = clock.lap();

    log('analyzing the loaded tables');
    await repo.analyze(SEEDED_TABLES);
    const analyze = clock.lap();
    return {
      counts,
      copySeconds,
      phases: { prepare, copy, restore, finish, analyze },
      restored: { indexes: deferred.indexes.length, uniques: deferred.uniques.length, foreignKeys: deferred.foreignKeys.length },
      audit: { eventId, operation: AUDIT_OPERATION, actor: AUDIT_ACTOR, inputDigest: digest, input },
    };
  } catch (error) {
    progress?.stop();
    if (committed) throw error;
    await repo.rollback().catch(() => undefined);
    if (error instanceof SeedRefused || !(error instanceof Error)) throw error;
    throw new Error(`${error.message} (rolled back: nothing was written)`, { cause: error });
  }
}

export function stopwatch(): { lap(): number } {
  let last = process.hrtime.bigint();
  return {
    lap() {
      const now = process.hrtime.bigint();
      const seconds = Number(now - last) / 1e9;
      last = now;
      return Math.round(seconds * 1000) / 1000;
    },
  };
}
