import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  assertNamespaceWritable,
  assertOrganizationInScope,
  assertRegistryId,
  requireUri,
  registerOnce,
  canonicalize,
  comparableEvidence,
  EvidenceDraft,
  EvidenceOrigin,
  invalidInput,
  NodeKind,
  normalizeCountry,
  normalizeEvidence,
  Relation,
  NO_POLICY_GATE,
  POLICY_GATE,
  PolicyGate,
} from '@pedigree/core';
import { Db } from '@pedigree/database';
import { eventEdges, nodeRegistered } from '@pedigree/outbox';
import { DraftWithSource, draftsFor, LineageNodeRepository, LineageSource, LineageWriter, NodeRef, resolveNodeRefs } from '@pedigree/lineage';
import { OrganizationService } from '../organization/organization.service';
import { CheckpointFormat, CheckpointRecord, TrainingMethod } from './checkpoint.record';
import { CheckpointRepository } from './checkpoint.repository';
import { CheckpointSignatureCommand, SignatureService } from '../signature/signature.service';

export interface TrainingRunCommand {
  method: TrainingMethod;
  datasets?: NodeRef[] | null;
  teachers?: NodeRef[] | null;
  computeProvider?: string | null;
  computeRegion?: string | null;
  computeCountry?: string | null;
  operator?: string | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
  /** A JSON object, as text: what a pipeline has at hand. */
  hyperparametersJson?: string | null;
}

export interface RegisterCheckpointCommand {
  model: NodeRef;
  digest: string;
  uris?: string[] | null;
  format: CheckpointFormat;
  sizeBytes?: number | null;
  registeredBy: string;
  lineage?: LineageSource[] | null;
  trainingRun?: TrainingRunCommand | null;
  evidence?: EvidenceDraft | null;
  signature?: CheckpointSignatureCommand | null;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

@Injectable()
export class CheckpointService {
  constructor(
    private readonly db: Db,
    private readonly checkpoints: CheckpointRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly writer: LineageWriter,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditRecorder,
    private readonly signatures: SignatureService,
    @Optional() @Inject(POLICY_GATE) private readonly gate: PolicyGate = NO_POLICY_GATE,
  ) {}

  /**
   * One transaction: checkpoint, CHECKPOINT_OF edge, declared lineage, training run and the edges
   * the run implies (TRAINED_ON its datasets, DISTILLATION from its teachers). Retries are safe:
   * the digest is claimed first, and a second caller (even a concurrent one) gets the same id.
   * Payloads are compared after normalization, so `model: {id}` and `model: {model: name}` agree.
   */
  async register(input: RegisterCheckpointCommand): Promise<CheckpointRecord> {
    const { id } = await this.apply(input);
    return (await this.checkpoints.findByIds([id]))[0];
  }

  /** The registration inside the caller's transaction (or its own), saying whether it created the record. */
  async apply(input: RegisterCheckpointCommand): Promise<{ id: string; created: boolean }> {
    const digest = input.digest?.trim() ?? '';
    if (!DIGEST.test(digest)) throw invalidInput('input.digest', `"${input.digest}" is not a digest`, 'sha256:<64 lower-case hex digits>');
    const registeredBy = input.registeredBy?.trim();
    if (!registeredBy) throw invalidInput('input.registeredBy', 'must name the pipeline or person registering', 'e.g. "ci/acme-finetune"');
    const uris = (input.uris ?? []).map((u, i) => requireUri(u, `input.uris[${i}]`));
    if (input.sizeBytes !== null && input.sizeBytes !== undefined && (!Number.isSafeInteger(input.sizeBytes) || input.sizeBytes < 0)) {
      throw invalidInput('input.sizeBytes', `${input.sizeBytes} is not a byte count`, 'a whole number ≥ 0');
    }
    const evidence = normalizeEvidence(input.evidence, 'input.evidence', {
      origin: EvidenceOrigin.PIPELINE_DECLARATION,
      justification: `Declared by ${registeredBy} at registration`,
      collector: registeredBy,
    });
    const run = input.trainingRun;
    const computeCountry = normalizeCountry(run?.computeCountry, 'input.trainingRun.computeCountry');
    if (run?.startedAt && run.endedAt && run.endedAt < run.startedAt) throw invalidInput('input.trainingRun.endedAt', 'is before startedAt');

    return this.db.transaction(async () => {
      // Every reference in one statement: the model, declared parents, datasets and teachers.
      const lineage = input.lineage ?? [];
      const datasets = (run?.datasets ?? []).map((ref, i) => ({ ref, field: `input.trainingRun.datasets[${i}]`, relation: Relation.TRAINED_ON }));
      const teachers = (run?.teachers ?? []).map((ref, i) => ({ ref, field: `input.trainingRun.teachers[${i}]`, relation: Relation.DISTILLATION }));
      const [model, ...resolved] = await resolveNodeRefs(this.nodes, [
        { ref: input.model, field: 'input.model' },
        ...lineage.map((s, i) => ({ ref: s.source, field: `input.lineage[${i}].source` })),
        ...datasets,
        ...teachers,
      ]);
      if (model.kind !== NodeKind.MODEL) throw invalidInput('input.model', `"${model.key}" is a ${model.kind.toLowerCase()}`, 'a model');
      assertNamespaceWritable(model.key, 'input.model');
      // Verified before anything is written: a refused signature leaves no row and no audit event.
      const signature = input.signature ? await this.signatures.verify(await this.publisherOf(model.id), digest, input.signature) : null;
      const declared = draftsFor(lineage, 'input.lineage', evidence, null, resolved.slice(0, lineage.length));
      const implied: DraftWithSource[] = [...datasets, ...teachers].map((r, i) => {
        const source = resolved[lineage.length + i];
        return { source, sourceId: source.id, relation: r.relation, mergeWeight: null, trainingRunId: null, evidence, field: r.field, sourceField: r.field };
      });
      const provider = run?.computeProvider ? await this.orgs.require(run.computeProvider, 'input.trainingRun.computeProvider') : null;
      const operator = run?.operator ? await this.orgs.require(run.operator, 'input.trainingRun.operator') : null;
      if (operator) assertOrganizationInScope(operator, 'input.trainingRun.operator');
      const runRecord = run && {
        method: run.method,
        computeProviderId: provider?.id ?? null,
        computeRegion: run.computeRegion?.trim() || null,
        computeCountry,
        operatorId: operator?.id ?? null,
        startedAt: run.startedAt ?? null,
        endedAt: run.endedAt ?? null,
        hyperparameters: parseObject(run.hyperparametersJson) ?? {},
      };
      const registration = canonicalize({
        modelId: model.id,
        uris,
        format: input.format,
        sizeBytes: input.sizeBytes ?? null,
        registeredBy,
        evidence: comparableEvidence(evidence, input.evidence),
        lineage: declared.map((d, i) => ({
          sourceId: d.sourceId,
          relation: d.relation,
          mergeWeight: d.mergeWeight,
          // Absent (null) parts drop out, so registrations stored before these fields existed still compare equal.
          teacherSnapshot: d.teacherSnapshot,
          usedFrom: d.usedFrom,
          usedTo: d.usedTo,
          auxiliaryRole: d.auxiliaryRole,
          evidence: comparableEvidence(d.evidence, input.lineage?.[i].evidence),
        })),
        trainingRun: runRecord && { ...runRecord, sources: implied.map((d) => [d.relation, d.sourceId]) },
      });

      const registered = await registerOnce({
        what: 'Checkpoint',
        key: digest,
        registration,
        claim: () => this.nodes.claim(NodeKind.CHECKPOINT, digest),
        stored: (existing) => this.checkpoints.registration(existing),
        create: async (created) => {
          await this.checkpoints.insert(
            { id: created, modelId: model.id, digest, uris, format: input.format, sizeBytes: input.sizeBytes ?? null, registeredBy },
            registration,
          );
          const runId = runRecord ? await this.checkpoints.insertTrainingRun({ checkpointId: created, modelId: null, evidence: null, ...runRecord }) : null;
          const drafts: DraftWithSource[] = [
            {
              source: model,
              sourceId: model.id,
              relation: Relation.CHECKPOINT_OF,
              mergeWeight: null,
              trainingRunId: null,
              evidence,
              field: 'input.model',
              sourceField: 'input.model',
              system: true,
            },
            ...[...declared, ...implied].map((d) => ({ ...d, trainingRunId: runId })),
          ];
          const edgeIds = await this.writer.add({ id: created, kind: NodeKind.CHECKPOINT, key: digest }, drafts, true, registeredBy);
          const event = nodeRegistered(
            'checkpoint.registered',
            { id: created, kind: NodeKind.CHECKPOINT, key: digest },
            { model: { id: model.id, key: model.key }, format: input.format, uris, sizeBytes: input.sizeBytes ?? null, registeredBy, trainingRunId: runId },
            eventEdges(edgeIds, drafts),
          );
          await this.audit.record('registerCheckpoint', input, [created, ...(runId ? [runId] : []), ...edgeIds], [event]);
          // Before the gate, so a policy on the checkpoint's own signatureStatus sees it.
          if (signature) await this.signatures.record(created, signature, registeredBy);
          await this.gate.check({ nodeId: created });
        },
      });
      // A checkpoint registered before, now with its signature: appended to its evidence.
      if (signature && !registered.created) await this.signatures.record(registered.id, signature, registeredBy);
      return registered;
    });
  }

  private async publisherOf(modelId: string): Promise<string> {
    return this.checkpoints.publisherOf(modelId);
  }

  async find(ref: { id?: string | null; digest?: string | null }): Promise<CheckpointRecord | null> {
    const node = ref.digest ? await this.nodes.findByKey(NodeKind.CHECKPOINT, ref.digest.trim()) : null;
    const id = ref.id ?? node?.id;
    if (!id) return null;
    assertRegistryId(id, 'id');
    return (await this.checkpoints.findByIds([id]))[0] ?? null;
  }

  requireOne(ref: { id?: string | null; digest?: string | null }) {
    if (!!ref.id === !!ref.digest) throw invalidInput('id/digest', 'give exactly one of them', 'checkpoint(digest: "sha256:…")');
    return this.find(ref);
  }
}

function parseObject(json: string | null | undefined): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    /* reported below */
  }
  throw invalidInput('input.trainingRun.hyperparametersJson', 'is not a JSON object', 'e.g. {"learning_rate": 2e-5}');
}
