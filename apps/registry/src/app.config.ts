export interface AppConfig {
  host: string;
  port: number;
  /** Load the demo catalog of real public models into an empty database on first start. */
  demoCatalog: boolean;
  graphiql: boolean;
  /** Adds `extensions.diagnostics.sqlQueries` to responses; for tests and profiling only. */
  diagnostics: boolean;
}

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  return {
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT === undefined ? 4000 : Number(env.PORT),
    demoCatalog: flag(env.PEDIGREE_DEMO_CATALOG, true),
    graphiql: flag(env.PEDIGREE_GRAPHIQL, !production),
    diagnostics: flag(env.PEDIGREE_DIAGNOSTICS, false),
  };
}

function flag(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(raw)) return true;
  if (/^(0|false|off|no)$/i.test(raw)) return false;
  throw new Error(`Expected on/off for a flag, got "${raw}"`);
}
