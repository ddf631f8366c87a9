import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { assertOrganizationInScope, assertRegistryId, invalidInput, registerOnce, NodeKind, NO_POLICY_GATE, POLICY_GATE, PolicyGate } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { eventEdges, nodeRegistered } from '@pedigree/outbox';
import { DraftWithSource, LineageNodeRepository, LineageWriter, resolveNodeRefs } from '@pedigree/lineage';
import { OrganizationService } from '../organization/organization.service';
import { CheckpointRecord } from './checkpoint.record';
import { CheckpointRepository } from './checkpoint.repository';
import { SignatureService } from '../signature/signature.service';
import { checkCheckpointInput, checkpointRefs, checkpointRegistration, RegisterCheckpointCommand, runRecordOf } from './checkpoint-input.rules';
import { checkpointDrafts, checkpointOfDraft } from './checkpoint-drafts';

export type { RegisterCheckpointCommand, TrainingRunCommand } from './checkpoint-input.rules';

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
    const checked = checkCheckpointInput(input, 'input');
    const { digest, registeredBy, uris, evidence } = checked;
    const run = input.trainingRun;

    return this.db.transaction(async () => {
      // Every reference in one statement: the model, declared parents, datasets and teachers.
      const { model, declared, implied } = checkpointDrafts(input, 'input', evidence, await resolveNodeRefs(this.nodes, checkpointRefs(input, 'input')));
      // Verified before anything is written: a refused signature leaves no row and no audit event.
      const signature = input.signature ? await this.signatures.verify(await this.publisherOf(model.id), digest, input.signature) : null;
      const provider = run?.computeProvider ? await this.orgs.require(run.computeProvider, 'input.trainingRun.computeProvider') : null;
      const operator = run?.operator ? await this.orgs.require(run.operator, 'input.trainingRun.operator') : null;
      if (operator) assertOrganizationInScope(operator, 'input.trainingRun.operator');
      const runRecord = run ? runRecordOf(run, checked, provider?.id ?? null, operator?.id ?? null) : null;
      const registration = checkpointRegistration(input, checked, model.id, declared, implied, runRecord);

      const registered = await registerOnce({
        what: 'Checkpoint',
        key: digest,
        registration,
        claim: () => this.nodes.claim(NodeKind.CHECKPOINT, digest),
        stored: (existing) => this.checkpoints.registration(existing),
        create: async (created) => {
          await this.checkpoints.insert(
            { id: created, modelId: model.id, digest, uris, format: input.format, sizeBytes: checked.sizeBytes, registeredBy },
            registration,
          );
          const runId = runRecord ? await this.checkpoints.insertTrainingRun({ checkpointId: created, modelId: null, evidence: null, ...runRecord }) : null;
          const drafts: DraftWithSource[] = [
            checkpointOfDraft(model, evidence, 'input'),
            ...[...declared, ...implied].map((d) => ({ ...d, trainingRunId: runId })),
          ];
          const edgeIds = await this.writer.add({ id: created, kind: NodeKind.CHECKPOINT, key: digest }, drafts, true, registeredBy);
          const event = nodeRegistered(
            'checkpoint.registered',
            { id: created, kind: NodeKind.CHECKPOINT, key: digest },
            { model: { id: model.id, key: model.key }, format: input.format, uris, sizeBytes: checked.sizeBytes, registeredBy, trainingRunId: runId },
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
