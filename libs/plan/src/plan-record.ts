import { RegisterCheckpointInput, RegisterDatasetInput, RegisterLicenseInput, RegisterModelInput, RegisterOrganizationInput } from '@pedigree/catalog';
import { invalidInput } from '@pedigree/core';
import { RegisterDeploymentInput } from '@pedigree/deployment';
import { AssertLineageInput } from '@pedigree/lineage';
import { PlanItem, PlanItemKind } from './plan-item';

export type PlanRecord =
  | { kind: PlanItemKind.ORGANIZATION; input: RegisterOrganizationInput }
  | { kind: PlanItemKind.LICENSE; input: RegisterLicenseInput }
  | { kind: PlanItemKind.MODEL; input: RegisterModelInput }
  | { kind: PlanItemKind.DATASET; input: RegisterDatasetInput }
  | { kind: PlanItemKind.CHECKPOINT; input: RegisterCheckpointInput }
  | { kind: PlanItemKind.EDGE; input: AssertLineageInput }
  | { kind: PlanItemKind.DEPLOYMENT; input: RegisterDeploymentInput };

const FIELDS = {
  organization: PlanItemKind.ORGANIZATION,
  license: PlanItemKind.LICENSE,
  model: PlanItemKind.MODEL,
  dataset: PlanItemKind.DATASET,
  checkpoint: PlanItemKind.CHECKPOINT,
  edge: PlanItemKind.EDGE,
  deployment: PlanItemKind.DEPLOYMENT,
} as const;

/** The one record an item holds; an item with none or several is refused before anything runs. */
export function pickRecord(item: PlanItem, field: string): PlanRecord {
  const given = (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).filter((k) => item[k]);
  if (given.length !== 1) {
    throw invalidInput(field, given.length ? `holds ${given.join(' and ')}` : 'holds no record', `exactly one of ${Object.keys(FIELDS).join(', ')}`);
  }
  return { kind: FIELDS[given[0]], input: item[given[0]] } as PlanRecord;
}

function refText(ref: { id?: string | null; model?: string | null; dataset?: string | null; checkpoint?: string | null } | undefined): string {
  return ref?.model ?? ref?.dataset ?? ref?.checkpoint ?? (ref?.id ? `#${ref.id}` : '?');
}

/** The item's natural key, as the report names it. */
export function keyOf(r: PlanRecord): string {
  switch (r.kind) {
    case PlanItemKind.ORGANIZATION:
      return r.input.slug ?? '';
    case PlanItemKind.LICENSE:
      return r.input.key ?? '';
    case PlanItemKind.CHECKPOINT:
      return r.input.digest ?? '';
    case PlanItemKind.EDGE:
      return `${refText(r.input.derived)} -[${r.input.relation}]-> ${refText(r.input.source)}`;
    default:
      return r.input.name ?? '';
  }
}
