import type { RegisterCheckpointInput, RegisterDatasetInput, RegisterLicenseInput, RegisterModelInput, RegisterOrganizationInput } from '@pedigree/catalog';
import type { RegisterDeploymentInput } from '@pedigree/deployment';
import type { AssertLineageInput } from '@pedigree/lineage';

export enum PlanItemKind {
  ORGANIZATION = 'ORGANIZATION',
  LICENSE = 'LICENSE',
  MODEL = 'MODEL',
  DATASET = 'DATASET',
  CHECKPOINT = 'CHECKPOINT',
  EDGE = 'EDGE',
  DEPLOYMENT = 'DEPLOYMENT',
}

export enum PlanOutcome {
  CREATED = 'CREATED',
  ALREADY_PRESENT = 'ALREADY_PRESENT',
  CONFLICT = 'CONFLICT',
  REFUSED = 'REFUSED',
}

export interface PlanItemResult {
  index: number;
  kind: PlanItemKind;
  key: string;
  label: string;
  outcome: PlanOutcome;
  id: string | null;
  code: string | null;
  message: string | null;
  field: string | null;
  fields: string[];
  suggestions: string[];
  cyclePath: string[];
  tolerated: boolean;
}

export interface PlanReport {
  applied: boolean;
  dryRun: boolean;
  items: PlanItemResult[];
  totals: { kind: PlanItemKind; created: number; alreadyPresent: number; conflict: number; refused: number }[];
}

/** Totals per kind, in the order kinds first appear; pure, so the report and its tests agree. */
export function totalsOf(items: readonly PlanItemResult[]): PlanReport['totals'] {
  const totals = new Map<PlanItemKind, PlanReport['totals'][number]>();
  for (const item of items) {
    const t = totals.get(item.kind) ?? { kind: item.kind, created: 0, alreadyPresent: 0, conflict: 0, refused: 0 };
    if (item.outcome === PlanOutcome.CREATED) t.created++;
    else if (item.outcome === PlanOutcome.ALREADY_PRESENT) t.alreadyPresent++;
    else if (item.outcome === PlanOutcome.CONFLICT) t.conflict++;
    else t.refused++;
    totals.set(item.kind, t);
  }
  return [...totals.values()];
}

/** One registration of a plan, as the service reads it (the GraphQL input type has this shape). */
export interface PlanItem {
  organization?: RegisterOrganizationInput;
  license?: RegisterLicenseInput;
  model?: RegisterModelInput;
  dataset?: RegisterDatasetInput;
  checkpoint?: RegisterCheckpointInput;
  edge?: AssertLineageInput;
  deployment?: RegisterDeploymentInput;
  ifAbsent?: boolean;
  keepExisting?: boolean;
  tolerateCycle?: boolean;
  label?: string;
}

export interface PlanCommand {
  items: PlanItem[];
  dryRun?: boolean;
}
