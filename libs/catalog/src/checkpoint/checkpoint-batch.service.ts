import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  assertOrganizationInScope,
  Canonical,
  DomainError,
  ErrorCode,
  invalidInput,
  MAX_CHECKPOINT_BATCH,
  NodeKind,
  NO_POLICY_GATE,
  POLICY_GATE,
  PolicyGate,
} from '@pedigree/core';
import { Db } from '@pedigree/database';
import { eventEdges, nodeRegistered } from '@pedigree/outbox';
import { DraftWithSource, LineageNodeRepository, LineageWriter, resolveNodeRefsEach } from '@pedigree/lineage';
import type { NodeIdentity } from '@pedigree/lineage';
import { OrganizationRecord } from '../organization/organization.record';
import { OrganizationService } from '../organization/organization.service';
import {
  batchItem,
  CheckpointBatchItem,
  CheckpointBatchOutcome,
  CheckpointBatchReport,
  failItem,
  isClean,
  reportOf,
  sameDigests,
  storedConflict,
} from './checkpoint-batch.rules';
import { CheckpointDrafts, checkpointDrafts, checkpointOfDraft } from './checkpoint-drafts';
import {
  CheckedCheckpoint,
  checkCheckpointInput,
  checkpointRefs,
  checkpointRegistration,
  RegisterCheckpointCommand,
  RunRecordDraft,
  runRecordOf,
} from './checkpoint-input.rules';
import { CheckpointRepository } from './checkpoint.repository';

export interface RegisterCheckpointsCommand {
  checkpoints: RegisterCheckpointCommand[];
}

/** An item that passed every check, ready to write. */
interface Ready extends CheckpointDrafts {
  input: RegisterCheckpointCommand;
  checked: CheckedCheckpoint;
  run: RunRecordDraft | null;
  registration: Canonical;
}

class RollBack {
  constructor(readonly report: CheckpointBatchReport) {}
}

const at = (i: number) => `input.checkpoints[${i}]`;

/**
 * Many checkpoints in one transaction, for pipelines: the checks of registerCheckpoint on every
 * item, then a fixed number of set-based statements for the whole batch (claims, checkpoints,
 * training runs, edges, audit events, outbox events, the policy gate). All or nothing: the report
 * lists every refused or conflicting item, and then nothing at all is written.
 */
@Injectable()
export class CheckpointBatchService {
  constructor(
    private readonly db: Db,
    private readonly checkpoints: CheckpointRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly writer: LineageWriter,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditRecorder,
    @Optional() @Inject(POLICY_GATE) private readonly gate: PolicyGate = NO_POLICY_GATE,
  ) {}

  async register(input: RegisterCheckpointsCommand): Promise<CheckpointBatchReport> {
    const list = input.checkpoints ?? [];
    if (!list.length) throw invalidInput('input.checkpoints', 'is empty', 'at least one checkpoint');
    if (list.length > MAX_CHECKPOINT_BATCH) {
      throw invalidInput(
        'input.checkpoints',
        `has ${list.length} items, over the limit of ${MAX_CHECKPOINT_BATCH}`,
        `at most ${MAX_CHECKPOINT_BATCH} per call; send several batches`,
      );
    }
    const items = list.map((c, i) => batchItem(i, c.digest?.trim() ?? ''));
    try {
      return await this.db.transaction(async () => {
        // Every stage runs for the items still clean, so one answer names every bad item: a refused
        // field, a conflict with what is stored and a policy denial alike. The transaction is rolled
        // back at the end if any item failed, so the stages' writes for the clean items vanish too.
        const ready = await this.prepare(list, items);
        const fresh = await this.claim(ready, items);
        await this.write(fresh);
        if (!isClean(items)) throw new RollBack(notApplied(items));
        return reportOf(items, true);
      });
    } catch (error) {
      if (error instanceof RollBack) return error.report;
      throw error;
    }
  }

  /** Every check before any write: fields, references (one statement for the batch), organizations, duplicates. */
  private async prepare(list: readonly RegisterCheckpointCommand[], items: CheckpointBatchItem[]): Promise<(Ready | null)[]> {
    const checked = list.map((c, i) =>
      attempt(items[i], () => {
        if (c.signature) throw invalidInput(`${at(i)}.signature`, 'register signed checkpoints one at a time', 'registerCheckpoint with a signature');
        return checkCheckpointInput(c, at(i));
      }),
    );
    const refs = list.map((c, i) => (checked[i] ? checkpointRefs(c, at(i)) : []));
    const answers = await resolveNodeRefsEach(this.nodes, refs.flat());
    const digests = new Map(items.map((item) => [item.digest, item.index]));
    const orgs = new Map<string, OrganizationRecord>();
    const ready: (Ready | null)[] = [];
    let next = 0;
    for (const [i, input] of list.entries()) {
      const mine = answers.slice(next, (next += refs[i].length));
      const c = checked[i];
      const missing = mine.findIndex((a) => a instanceof DomainError);
      if (c && missing >= 0) failItem(items[i], inBatchHint(mine[missing] as DomainError, refs[i][missing].ref.checkpoint, digests, i));
      if (!c || missing >= 0) {
        ready.push(null);
        continue;
      }
      ready.push(
        await attemptAsync(items[i], async () => {
          const drafts = checkpointDrafts(input, at(i), c.evidence, mine as NodeIdentity[]);
          // Endpoints, weights and teacher use, per item; the node id is not known yet, and no source can be it.
          this.writer.validate({ kind: NodeKind.CHECKPOINT, id: '' }, [...drafts.declared, ...drafts.implied]);
          const run = input.trainingRun;
          const provider = run?.computeProvider ? await this.org(orgs, run.computeProvider, `${at(i)}.trainingRun.computeProvider`) : null;
          const operator = run?.operator ? await this.org(orgs, run.operator, `${at(i)}.trainingRun.operator`) : null;
          if (operator) assertOrganizationInScope(operator, `${at(i)}.trainingRun.operator`);
          const runRecord = run ? runRecordOf(run, c, provider?.id ?? null, operator?.id ?? null) : null;
          const registration = checkpointRegistration(input, c, drafts.model.id, drafts.declared, drafts.implied, runRecord);
          return { ...drafts, input, checked: c, run: runRecord, registration };
        }),
      );
    }
    for (const [i, same] of sameDigests(
      items.map((item) => item.digest),
      ready.map((r) => r?.registration ?? null),
      at,
    )) {
      items[i].sameDigestAs = same.first;
      if (same.error) failItem(items[i], same.error);
      ready[i] = null;
    }
    return ready;
  }

  /** Claims every new digest in one statement; a digest already registered is ALREADY_PRESENT or CONFLICT. */
  private async claim(ready: readonly (Ready | null)[], items: CheckpointBatchItem[]): Promise<{ item: CheckpointBatchItem; ready: Ready }[]> {
    const pending = ready.flatMap((r, i) => (r ? [{ item: items[i], ready: r }] : []));
    const claims = await this.nodes.claimMany(
      NodeKind.CHECKPOINT,
      pending.map((p) => p.item.digest),
    );
    const taken = pending.filter((p) => !claims.get(p.item.digest)!.created);
    const stored = await this.checkpoints.registrations(taken.map((p) => claims.get(p.item.digest)!.id));
    for (const p of pending) {
      const claim = claims.get(p.item.digest)!;
      p.item.id = claim.id;
      if (claim.created) continue;
      p.item.outcome = CheckpointBatchOutcome.ALREADY_PRESENT;
      const error = storedConflict(p.item.digest, stored.get(claim.id) ?? null, p.ready.registration, at(p.item.index));
      if (error) failItem(p.item, error);
    }
    for (const item of items)
      if (item.sameDigestAs !== null && item.outcome === CheckpointBatchOutcome.CREATED) {
        item.outcome = CheckpointBatchOutcome.ALREADY_PRESENT;
        item.id = items[item.sameDigestAs].id;
      }
    return pending.filter((p) => claims.get(p.item.digest)!.created);
  }

  /** The rows of the new checkpoints, a fixed number of statements whatever the batch size. */
  private async write(fresh: readonly { item: CheckpointBatchItem; ready: Ready }[]): Promise<void> {
    if (!fresh.length) return;
    await this.checkpoints.insertMany(
      fresh.map(({ item, ready: r }) => ({
        checkpoint: {
          id: item.id!,
          modelId: r.model.id,
          digest: item.digest,
          uris: r.checked.uris,
          format: r.input.format,
          sizeBytes: r.checked.sizeBytes,
          registeredBy: r.checked.registeredBy,
        },
        registration: r.registration,
      })),
    );
    const withRun = fresh.filter((f) => f.ready.run);
    const runIds = await this.checkpoints.insertTrainingRuns(
      withRun.map((f) => ({ checkpointId: f.item.id!, modelId: null, evidence: null, ...f.ready.run! })),
    );
    const runOf = new Map(withRun.map((f, n) => [f.item.id!, runIds[n]]));
    const drafts = fresh.map(({ item, ready: r }): DraftWithSource[] => [
      checkpointOfDraft(r.model, r.checked.evidence, at(item.index)),
      ...[...r.declared, ...r.implied].map((d) => ({ ...d, trainingRunId: runOf.get(item.id!) ?? null })),
    ]);
    const edgeIds = await this.writer.addToNewNodes(
      fresh.map(({ item, ready: r }, n) => ({
        derived: { id: item.id!, kind: NodeKind.CHECKPOINT, key: item.digest },
        drafts: drafts[n],
        recordedBy: r.checked.registeredBy,
      })),
    );
    await this.audit.recordEach(
      'registerCheckpoints',
      fresh.map(({ item, ready: r }, n) => {
        const runId = runOf.get(item.id!) ?? null;
        const event = nodeRegistered(
          'checkpoint.registered',
          { id: item.id!, kind: NodeKind.CHECKPOINT, key: item.digest },
          {
            model: { id: r.model.id, key: r.model.key },
            format: r.input.format,
            uris: r.checked.uris,
            sizeBytes: r.checked.sizeBytes,
            registeredBy: r.checked.registeredBy,
            trainingRunId: runId,
          },
          eventEdges(edgeIds[n], drafts[n]),
        );
        return { input: r.input, touchedIds: [item.id!, ...(runId ? [runId] : []), ...edgeIds[n]], events: [event] };
      }),
    );
    const denied = await this.gate.checkNodes(fresh.map((f) => f.item.id!));
    for (const { item } of fresh) {
      const error = denied.get(item.id!);
      if (error) failItem(item, error);
    }
  }

  /** Organizations named by many items are looked up once; a failed lookup is not kept, so each item reports its own field. */
  private async org(cache: Map<string, OrganizationRecord>, ref: string, field: string): Promise<OrganizationRecord> {
    const known = cache.get(ref);
    if (known) return known;
    const org = await this.orgs.require(ref, field);
    cache.set(ref, org);
    return org;
  }
}

/** The report of a batch that is rolled back: what would have been created has no id. */
function notApplied(items: CheckpointBatchItem[]): CheckpointBatchReport {
  const failed = (item: CheckpointBatchItem) => item.outcome === CheckpointBatchOutcome.REFUSED || item.outcome === CheckpointBatchOutcome.CONFLICT;
  // A repeat of a digest shares its first item's fate: sent alone it would be refused, or in conflict, the same way.
  for (const item of items) {
    const first = item.sameDigestAs === null ? null : items[item.sameDigestAs];
    if (first && failed(first) && item.outcome === CheckpointBatchOutcome.ALREADY_PRESENT)
      Object.assign(item, { outcome: first.outcome, code: first.code, field: first.field, message: first.message, fields: first.fields });
  }
  const rolledBack = (item: CheckpointBatchItem) => item.outcome === CheckpointBatchOutcome.CREATED;
  for (const item of items) {
    const first = item.sameDigestAs === null ? null : items[item.sameDigestAs];
    if (rolledBack(item) || failed(item) || (first && (rolledBack(first) || first.id === null))) item.id = null;
  }
  return reportOf(items, false);
}

function attempt<T>(item: CheckpointBatchItem, work: () => T): T | null {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    failItem(item, error);
    return null;
  }
}

async function attemptAsync<T>(item: CheckpointBatchItem, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === ErrorCode.TIMEOUT || error.code === ErrorCode.UNAVAILABLE) throw error;
    failItem(item, error);
    return null;
  }
}

/** A reference to a checkpoint of the same batch: say so, instead of a bare NOT_FOUND. */
function inBatchHint(error: DomainError, checkpoint: string | null | undefined, digests: ReadonlyMap<string, number>, index: number): DomainError {
  const other = checkpoint ? digests.get(checkpoint.trim()) : undefined;
  if (error.code !== ErrorCode.NOT_FOUND || other === undefined || other === index) return error;
  return new DomainError(
    ErrorCode.NOT_FOUND,
    `${error.field}: checkpoint "${checkpoint!.trim()}" is item ${other} of this batch, and items may only refer to checkpoints registered before the batch. Register it in an earlier batch.`,
    error.field,
    error.details,
  );
}
