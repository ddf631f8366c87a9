/**
 * What an importer wants written, as GraphQL mutation inputs in dependency order. Planners are
 * pure (file in, plan out); the CLI executes the plan against a running registry, so every
 * import goes through the same validation, audit trail and cycle checks as any other client.
 */
export type ImportMutation =
  'registerOrganization' | 'registerLicense' | 'registerModel' | 'registerDataset' | 'registerCheckpoint' | 'assertLineage' | 'registerDeployment';

export interface ImportOp {
  mutation: ImportMutation;
  /** The mutation's `input` argument, exactly as the schema expects it. */
  input: Record<string, unknown>;
  /** Human label for progress and the report, e.g. `model "Tulu 2"` or `edge Tulu 2 -[TRAINED_ON]-> Tulu-V2-mix`. */
  label: string;
  /** For assertLineage ops: the chain the edge belongs to, so a rejected cycle can be reported with its path. */
  edge?: { derived: string; source: string; relation: string };
  /**
   * Register only when nothing of that name exists yet (placeholders for referenced base models,
   * organizations known only by a namespace): a richer existing record must win, not CONFLICT.
   */
  onlyIfAbsent?: { query: 'model' | 'dataset' | 'organization' | 'license' | 'checkpoint'; name: string };
  /**
   * A CONFLICT means a record with that key already exists with other values (e.g. a license an
   * administrator registered with reviewed terms); keep it and go on instead of failing.
   */
  tolerateConflict?: boolean;
}

/** How strict an import is about what its source only refers to. */
export interface ImportOptions {
  /** Register names the source refers to but the registry lacks as placeholders (marked, listed, completed later). Off: an unknown name is an error with close matches. */
  placeholders: boolean;
  /** Record a license that is neither SPDX nor a registered LicenseRef- as unknown (no license). Off: an error. Never invents terms. */
  unknownLicenses: boolean;
  /** The LicenseRef- keys the registry holds, so `unknownLicenses` keeps those and drops only the rest. */
  knownLicenseRefs: ReadonlySet<string>;
}

export const STRICT: ImportOptions = { placeholders: false, unknownLicenses: false, knownLicenseRefs: new Set() };

/** One line of the report: something the importer changed, inferred or could not represent. */
export interface ImportFinding {
  kind: string;
  subject: string;
  detail: string;
}

export interface ImportPlan {
  /** Where the data came from (file path or URL), named in every evidence record. */
  source: string;
  ops: ImportOp[];
  /** Anomalies found while planning (duplicates, dangling references, normalizations...). */
  findings: ImportFinding[];
  /** Planner-specific counts, printed in the report and asserted by tests. */
  counts: Record<string, number>;
}
