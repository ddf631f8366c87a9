import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Direction } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { LINEAGE_FEED_STATUS, LINEAGE_GRAPH, LineageFeedStatusSource, LineageGraph, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { EvaluationQueueRepository, EvaluationTask, QueuedChange } from './evaluation-queue.repository';
import { PolicyEvaluator } from './policy-evaluator.service';
import { PolicyRepository } from './policy.repository';
import { LoadedSubject, SubjectEvidenceLoader } from './subject-evidence.loader';
import { ViolationRepository } from './violation.repository';
import { PolicySubjectKind } from './policy.record';

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Subjects evaluated between yields: a batch never holds the event loop for long. */
const SLICE = 50;

/**
 * Keeps violations current without anyone asking. Changes are queued by triggers in the writing
 * transaction; this expands each into its subjects (the node and everything below it, found by a
 * descendants walk, and the deployments running them) and evaluates them in batches. Every
 * instance runs it: claims use FOR UPDATE SKIP LOCKED and deletes commit with the results, so a
 * crash mid-batch leaves the batch queued and no subject is evaluated twice for one queuing.
 */
@Injectable()
export class ReevaluationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('PolicyWorker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly batch = config().policyBatchSize;

  constructor(
    private readonly db: Db,
    private readonly queue: EvaluationQueueRepository,
    private readonly evaluator: PolicyEvaluator,
    private readonly loader: SubjectEvidenceLoader,
    private readonly policies: PolicyRepository,
    private readonly violations: ViolationRepository,
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    @Inject(LINEAGE_FEED_STATUS) private readonly feed: LineageFeedStatusSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!config().policyWorker) return;
    this.timer = setInterval(() => void this.drain(), config().policyWorkerPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Works until the queue is empty; never throws (a failure is logged and retried next tick). */
  drain(): Promise<void> {
    this.running ??= (async () => {
      try {
        while (!this.stopped && ((await this.expandOne()) || (await this.evaluateBatch()) || (await this.sweepLapsedWaivers()))) await yieldToRequests();
      } catch (e) {
        this.log.error(`policy re-evaluation failed, retrying: ${(e as Error).stack ?? String(e)}`);
      }
    })().finally(() => (this.running = null));
    return this.running;
  }

  private expandOne(): Promise<boolean> {
    return this.db.transaction(async () => {
      const change = await this.queue.claimChange();
      if (!change) return false;
      const { nodeIds, deploymentIds } = await this.subjectsOf(change);
      const added = await this.queue.addTasks(nodeIds, deploymentIds, change.reason);
      this.log.log(`${change.reason}: ${added} subjects queued for re-evaluation`);
      return true;
    });
  }

  private async subjectsOf(change: QueuedChange): Promise<{ nodeIds: string[]; deploymentIds: string[] }> {
    if (change.policyId) {
      const kinds = new Set<string>();
      for (const v of await this.policies.historyById(change.policyId)) {
        if (!v.scope.subjects.length) for (const k of Object.values(PolicySubjectKind)) kinds.add(k);
        for (const k of v.scope.subjects) kinds.add(k);
      }
      return this.queue.allSubjects(
        [...kinds].filter((k) => k !== PolicySubjectKind.DEPLOYMENT),
        kinds.has(PolicySubjectKind.DEPLOYMENT),
      );
    }
    const direct = change.organizationIds.length ? await this.queue.ofOrganizations(change.organizationIds) : { nodeIds: [], deploymentIds: [] };
    const roots = [...new Set([...change.nodeIds, ...direct.nodeIds])];
    // The change was committed before it could be claimed; the index must hold it before walking.
    await this.feed.catchUp();
    const below = roots.length
      ? await this.graph.walkColumns(roots, Direction.DESCENDANTS, { maxDepth: MAX_WALK_DEPTH, relations: [], includeRetracted: false })
      : null;
    const nodeIds = [...new Set([...roots, ...Array.from(below?.nodeIds ?? [], String)])];
    const running = await this.queue.deploymentsRunning(nodeIds);
    return { nodeIds, deploymentIds: [...new Set([...direct.deploymentIds, ...change.deploymentIds, ...running])] };
  }

  private evaluateBatch(): Promise<boolean> {
    return this.db.transaction(async () => {
      const tasks = await this.queue.claimTasks(this.batch);
      if (!tasks.length) return false;
      await this.feed.catchUp();
      const policies = (await this.evaluator.active()).filter((p) => p.version.enabled);
      const subjects = await this.load(tasks);
      const byReason = new Map<string, string>(tasks.map((t) => [t.subjectKey, t.reason]));
      const outcomes = [];
      for (let i = 0; i < subjects.length; i += SLICE) {
        outcomes.push(...this.evaluator.evaluate(policies, subjects.slice(i, i + SLICE)));
        await yieldToRequests();
      }
      // One reason per batch keeps the write to two statements; the commonest one names it.
      const reasons = [...byReason.values()];
      const reason = reasons.sort((a, b) => reasons.filter((r) => r === b).length - reasons.filter((r) => r === a).length)[0];
      await this.evaluator.store(outcomes, reason);
      return true;
    });
  }

  private async load(tasks: readonly EvaluationTask[]): Promise<LoadedSubject[]> {
    const nodes = await this.loader.nodes(tasks.filter((t) => t.nodeId).map((t) => t.nodeId!));
    const names = await this.queue.deploymentNames(tasks.filter((t) => t.deploymentId).map((t) => t.deploymentId!));
    const deployments: LoadedSubject[] = [];
    for (const name of names.values()) deployments.push(await this.loader.deployment(name));
    return [...nodes, ...deployments];
  }

  /** Subjects whose waiver expired or was revoked, queued once so their status and event follow. */
  private async sweepLapsedWaivers(): Promise<boolean> {
    const lapsed = await this.violations.lapsedWaiverSubjects(this.batch);
    if (!lapsed.length) return false;
    const added = await this.queue.addTasks(
      lapsed.filter((s) => s.nodeId).map((s) => s.nodeId!),
      lapsed.filter((s) => s.deploymentId).map((s) => s.deploymentId!),
      'WAIVER_LAPSED',
    );
    return added > 0;
  }
}
