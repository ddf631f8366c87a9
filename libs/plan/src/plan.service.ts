import { Injectable } from '@nestjs/common';
import { CheckpointService, CustomLicenseService, DatasetService, ModelService, OrganizationService } from '@pedigree/catalog';
import { can, DomainError, ErrorCode, invalidInput, Permission, requestContext } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { DeploymentService } from '@pedigree/deployment';
import { LineageService } from '@pedigree/lineage';
import { PlanCommand, PlanItem, PlanItemKind, PlanItemResult, PlanOutcome, PlanReport, totalsOf } from './plan-item';
import { keyOf, pickRecord, PlanRecord } from './plan-record';

/** Failures that say nothing about an item but about the request: they end the whole plan. */
const REQUEST_FAILURES = new Set<string>([ErrorCode.TIMEOUT, ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL]);

/** What an item needs beyond the mutation's own LINEAGE_WRITE. */
const NEEDS: Partial<Record<PlanItemKind, Permission>> = {
  [PlanItemKind.ORGANIZATION]: Permission.REFERENCE_WRITE,
  [PlanItemKind.LICENSE]: Permission.REFERENCE_WRITE,
  [PlanItemKind.DEPLOYMENT]: Permission.DEPLOYMENT_WRITE,
};

class RollBack {
  constructor(readonly report: PlanReport) {}
}

/**
 * A whole card, BOM or import batch in one transaction, through the same services as the single
 * mutations (so the same validation, scopes, cycle checks and one audit event per created item).
 * Each item runs in a savepoint: a refused item is undone and the next one still checked, so the
 * report covers every item; then the plan commits only if none was refused or in conflict.
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationService,
    private readonly licenses: CustomLicenseService,
    private readonly models: ModelService,
    private readonly datasets: DatasetService,
    private readonly checkpoints: CheckpointService,
    private readonly lineage: LineageService,
    private readonly deployments: DeploymentService,
  ) {}

  async apply(input: PlanCommand): Promise<PlanReport> {
    if (!input.items?.length) throw invalidInput('input.items', 'is empty', 'at least one item');
    const records = input.items.map((item, i) => pickRecord(item, `input.items[${i}]`));
    try {
      return await this.db.transaction(async () => {
        const items: PlanItemResult[] = [];
        for (const [i, item] of input.items.entries()) items.push(await this.runItem(item, records[i], i));
        const clean = items.every((r) => r.tolerated || r.outcome === PlanOutcome.CREATED || r.outcome === PlanOutcome.ALREADY_PRESENT);
        const report = { applied: clean && !input.dryRun, dryRun: !!input.dryRun, items, totals: totalsOf(items) };
        if (!report.applied) throw new RollBack(report);
        return report;
      });
    } catch (error) {
      if (error instanceof RollBack) return error.report;
      throw error;
    }
  }

  private async runItem(item: PlanItem, record: PlanRecord, index: number): Promise<PlanItemResult> {
    const key = keyOf(record);
    const base: PlanItemResult = {
      index,
      kind: record.kind,
      key,
      label: item.label?.trim() || `${record.kind.toLowerCase()} ${key}`,
      outcome: PlanOutcome.CREATED,
      id: null,
      code: null,
      message: null,
      field: null,
      fields: [],
      suggestions: [],
      cyclePath: [],
      tolerated: false,
    };
    try {
      return await this.db.savepoint(async () => {
        if (item.ifAbsent) {
          const id = await this.existing(record);
          if (id) return { ...base, outcome: PlanOutcome.ALREADY_PRESENT, id };
        }
        assertPermitted(record.kind, `input.items[${index}]`);
        const r = await this.write(record);
        return { ...base, outcome: r.created ? PlanOutcome.CREATED : PlanOutcome.ALREADY_PRESENT, id: r.id };
      });
    } catch (error) {
      if (!(error instanceof DomainError) || REQUEST_FAILURES.has(error.code)) throw error;
      const details = (error.details ?? {}) as { fields?: string[]; suggestions?: string[]; path?: string[] };
      const said = {
        code: error.code,
        message: error.message,
        field: error.field ?? null,
        fields: details.fields ?? [],
        suggestions: details.suggestions ?? [],
        cyclePath: error.code === ErrorCode.CYCLE ? (details.path ?? []) : [],
      };
      if (error.code === ErrorCode.CONFLICT && item.keepExisting) return { ...base, ...said, outcome: PlanOutcome.ALREADY_PRESENT, code: null, message: null };
      const tolerated = error.code === ErrorCode.CYCLE && !!item.tolerateCycle;
      return { ...base, ...said, tolerated, outcome: error.code === ErrorCode.CONFLICT ? PlanOutcome.CONFLICT : PlanOutcome.REFUSED };
    }
  }

  private write(r: PlanRecord): Promise<{ id: string; created: boolean }> {
    switch (r.kind) {
      case PlanItemKind.ORGANIZATION:
        return this.orgs.apply(r.input);
      case PlanItemKind.LICENSE:
        return this.licenses.apply(r.input);
      case PlanItemKind.MODEL:
        return this.models.apply(r.input);
      case PlanItemKind.DATASET:
        return this.datasets.apply(r.input);
      case PlanItemKind.CHECKPOINT:
        return this.checkpoints.apply(r.input);
      case PlanItemKind.EDGE:
        return this.lineage.apply(r.input);
      case PlanItemKind.DEPLOYMENT:
        return this.deployments.apply(r.input);
    }
  }

  /** The id of what already holds the item's key, for `ifAbsent` items. */
  private async existing(r: PlanRecord): Promise<string | null> {
    switch (r.kind) {
      case PlanItemKind.ORGANIZATION:
        return (await this.orgs.find(r.input.slug ?? '', 'input.slug'))?.id ?? null;
      case PlanItemKind.LICENSE:
        return (await this.licenses.findByKey(r.input.key ?? ''))?.key ?? null;
      case PlanItemKind.MODEL:
        return (await this.models.findByName(r.input.name ?? ''))?.id ?? null;
      case PlanItemKind.DATASET:
        return (await this.datasets.findByName(r.input.name ?? ''))?.id ?? null;
      case PlanItemKind.CHECKPOINT:
        return (await this.checkpoints.find({ digest: r.input.digest }))?.id ?? null;
      case PlanItemKind.DEPLOYMENT:
        return (await this.deployments.findByName(r.input.name ?? ''))?.id ?? null;
      case PlanItemKind.EDGE:
        return null;
    }
  }
}

function assertPermitted(kind: PlanItemKind, field: string): void {
  const needs = NEEDS[kind];
  const role = requestContext.principal().role;
  if (!needs || can(role, needs)) return;
  throw new DomainError(
    ErrorCode.FORBIDDEN,
    `${field}: registering a ${kind.toLowerCase()} needs ${needs}; a ${role} token does not have it. Ask an administrator to register it, or mark the item ifAbsent if it may already exist.`,
    field,
    {
      required: needs,
      role,
    },
  );
}
