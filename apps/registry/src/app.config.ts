import { config, Config } from '@pedigree/config';

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

/** OWASP GraphQL limits; each is refused before any resolver or SQL runs. */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxDirectives: number;
  maxBatch: number;
  bodyBytes: number;
  ratePerMinute: number;
  anonymousRatePerMinute: number;
  requestTimeoutMs: number;
}

/** The server's view of the one validated configuration (@pedigree/config). */
export function readAppConfig(c: Config = config()): AppConfig {
  return {
    host: c.host!,
    port: c.port,
    demoCatalog: c.demoCatalog,
    graphiql: c.graphiql,
    diagnostics: c.diagnostics,
    production: c.production,
    introspection: c.introspection,
    limits: {
      maxDepth: c.maxDepth,
      maxAliases: c.maxAliases,
      maxCost: c.maxCost,
      maxDirectives: c.maxDirectives,
      maxBatch: c.maxBatch,
      bodyBytes: c.bodyBytes,
      ratePerMinute: c.ratePerMinute,
      anonymousRatePerMinute: c.anonymousRatePerMinute,
      requestTimeoutMs: c.requestTimeoutMs,
    },
  };
}
