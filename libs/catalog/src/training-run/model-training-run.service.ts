import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { assertNamespaceWritable, assertOrganizationInScope, EvidenceDraft, invalidInput, NodeKind, normalizeCountry, normalizeEvidence } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { LineageNodeRepository, NodeRef, resolveNodeRef } from '@pedigree/lineage';
import { TrainingMethod, TrainingRunRecord } from '../checkpoint/checkpoint.record';
import { CheckpointRepository } from '../checkpoint/checkpoint.repository';
import { OrganizationService } from '../organization/organization.service';

export interface RecordModelTrainingRunCommand {
  model: NodeRef;
  method: TrainingMethod;
  computeProvider?: string | null;
  computeRegion?: string | null;
  computeCountry?: string | null;
  operator?: string | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
  evidence: EvidenceDraft;
}

/**
 * Training runs stated for a whole model, e.g. from its card: where its weights were trained is a
 * COMPUTE dependency of everything built on them. A claim like any other: evidenced, audited,
 * append-only. Recording the same run again (same model, method, compute, times and document)
 * returns the stored one and writes nothing, so an importer can be re-run.
 */
@Injectable()
export class ModelTrainingRunService {
  constructor(
    private readonly db: Db,
    private readonly nodes: LineageNodeRepository,
    private readonly runs: CheckpointRepository,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditRecorder,
  ) {}

  async record(input: RecordModelTrainingRunCommand): Promise<TrainingRunRecord> {
    if (!Object.values(TrainingMethod).includes(input.method)) {
      throw invalidInput('input.method', `"${input.method}" is not a training method`, Object.values(TrainingMethod).join(', '));
    }
    const evidence = normalizeEvidence(input.evidence, 'input.evidence');
    const computeCountry = normalizeCountry(input.computeCountry, 'input.computeCountry');
    const computeRegion = input.computeRegion?.trim() || null;
    if (input.startedAt && input.endedAt && input.endedAt < input.startedAt)
      throw invalidInput('input.endedAt', 'is before startedAt', 'a time at or after startedAt');
    if (!input.computeProvider && !computeCountry && !computeRegion) {
      throw invalidInput(
        'input.computeProvider',
        'a run without a provider, region or country says nothing about compute',
        'computeProvider, computeRegion or computeCountry',
      );
    }
    return this.db.transaction(async () => {
      const model = await resolveNodeRef(this.nodes, input.model, 'input.model');
      if (model.kind !== NodeKind.MODEL)
        throw invalidInput('input.model', `"${model.key}" is a ${model.kind.toLowerCase()}`, 'a model (a checkpoint states its run at registration)');
      // A pipeline token scoped to some organizations may only state runs of their models.
      assertNamespaceWritable(model.key, 'input.model');
      const provider = input.computeProvider ? await this.orgs.require(input.computeProvider, 'input.computeProvider') : null;
      const operator = input.operator ? await this.orgs.require(input.operator, 'input.operator') : null;
      if (operator) assertOrganizationInScope(operator, 'input.operator');
      const run: Omit<TrainingRunRecord, 'id'> = {
        checkpointId: null,
        modelId: model.id,
        evidence,
        method: input.method,
        computeProviderId: provider?.id ?? null,
        computeRegion,
        computeCountry,
        operatorId: operator?.id ?? null,
        startedAt: input.startedAt ?? null,
        endedAt: input.endedAt ?? null,
        hyperparameters: {},
      };
      await this.runs.lockModelRuns(model.id);
      const same = (await this.runs.trainingRunsByModels([model.id])).find((r) => sameRun(r, run));
      if (same) return same;
      const id = await this.runs.insertTrainingRun(run);
      await this.audit.record('recordModelTrainingRun', input, [model.id, id]);
      return (await this.runs.trainingRunsByModels([model.id])).find((r) => r.id === id)!;
    });
  }
}

const time = (d: Date | null) => d?.getTime() ?? null;
function sameRun(a: Omit<TrainingRunRecord, 'id'>, b: Omit<TrainingRunRecord, 'id'>): boolean {
  return (
    a.method === b.method &&
    a.computeProviderId === b.computeProviderId &&
    a.computeRegion === b.computeRegion &&
    a.computeCountry === b.computeCountry &&
    a.operatorId === b.operatorId &&
    time(a.startedAt) === time(b.startedAt) &&
    time(a.endedAt) === time(b.endedAt) &&
    (a.evidence?.documentRef ?? null) === (b.evidence?.documentRef ?? null)
  );
}
