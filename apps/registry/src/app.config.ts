export interface AppConfig {
  host: string;
  port: number;
  /** Load the demo catalog of real public models into an empty database on first start. */
  demoCatalog: boolean;
  graphiql: boolean;
  /** Adds `extensions.diagnostics.sqlQueries` to responses; for tests and profiling only. */
  diagnostics: boolean;
  production: boolean;
  introspection: boolean;
  limits: RequestLimits;
}

/** OWASP GraphQL limits; each is refused during validation, before any resolver or SQL runs. */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxDirectives: number;
  maxBatch: number;
  bodyBytes: number;
  ratePerMinute: number;
}

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  return {
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT === undefined ? 4000 : Number(env.PORT),
    demoCatalog: flag(env.PEDIGREE_DEMO_CATALOG, true),
    graphiql: flag(env.PEDIGREE_GRAPHIQL, !production),
    diagnostics: flag(env.PEDIGREE_DIAGNOSTICS, false),
    production,
    introspection: flag(env.PEDIGREE_INTROSPECTION, !production),
    limits: {
      maxDepth: int(env.PEDIGREE_MAX_DEPTH, 12),
      maxAliases: int(env.PEDIGREE_MAX_ALIASES, 30),
      maxCost: int(env.PEDIGREE_MAX_COST, 5000),
      maxDirectives: int(env.PEDIGREE_MAX_DIRECTIVES, 20),
      maxBatch: int(env.PEDIGREE_MAX_BATCH, 10),
      bodyBytes: int(env.PEDIGREE_MAX_BODY_BYTES, 1_048_576),
      ratePerMinute: int(env.PEDIGREE_RATE_LIMIT_PER_MINUTE, 6000),
    },
  };
}

function int(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Expected a positive integer, got "${raw}"`);
  return n;
}

function flag(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(raw)) return true;
  if (/^(0|false|off|no)$/i.test(raw)) return false;
  throw new Error(`Expected on/off for a flag, got "${raw}"`);
}
