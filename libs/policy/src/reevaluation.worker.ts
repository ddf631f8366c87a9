import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { config } from '@pedigree/config';
import { Direction } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { LINEAGE_FEED_STATUS, LINEAGE_GRAPH, LineageFeedStatusSource, LineageGraph, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { EvaluationQueueRepository, EvaluationTask, QueuedChange } from './evaluation-queue.repository';
import { PolicyEvaluator } from './policy-evaluator.service';
import { ActivePolicy } from './policy-evaluation.rules';
import { PolicyRepository } from './policy.repository';
import { LoadedSubject, SubjectEvidenceLoader } from './subject-evidence.loader';
import { ViolationRepository } from './violation.repository';
import { PolicySubjectKind } from './policy.record';

const unjudged = (t: EvaluationTask) => ({
  key: t.subjectKey,
  nodeId: t.nodeId,
  deploymentId: t.deploymentId,
  findings: [],
  evaluated: new Map<string, number>(),
});
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
      // One loop expands and evaluates alternately, so a stream of new changes cannot starve
      // evaluation; a second only evaluates, so one batch computes while the other waits on
      // PostgreSQL (loading, storing) instead of the process idling through every round trip.
      let second: Promise<void> | null = null;
      const evaluating = async () => {
        while (!this.stopped && (await this.evaluateBatch())) await yieldToRequests();
      };
      try {
        while (!this.stopped) {
          const expanded = await this.expandOne();
          const evaluated = await this.evaluateBatch();
          if (!expanded && !evaluated && !(await this.sweepLapsedWaivers())) break;
          second ??= evaluating()
            .catch((e: Error) => this.log.error(`policy re-evaluation failed, retrying: ${e.stack ?? String(e)}`))
            .finally(() => (second = null));
          await yieldToRequests();
        }
      } catch (e) {
        this.log.error(`policy re-evaluation failed, retrying: ${(e as Error).stack ?? String(e)}`);
      } finally {
        await second;
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
      const reasons = new Map<string, string>(tasks.map((t) => [t.subjectKey, t.reason]));
      try {
        await this.db.savepoint(() => this.evaluateTasks(tasks, policies, reasons));
      } catch (e) {
        // One subject that cannot be loaded must not hold the queue for every instance: retry the
        // batch one subject at a time and drop (and log) only the ones that still fail.
        this.log.warn(`a batch of ${tasks.length} failed (${(e as Error).message}); evaluating its subjects one by one`);
        for (const task of tasks) {
          await this.db
            .savepoint(() => this.evaluateTasks([task], policies, reasons))
            .catch((error: Error) => {
              this.log.error(`policy re-evaluation of ${task.subjectKey} failed and was dropped: ${error.stack ?? String(error)}`);
            });
        }
      }
      return true;
    });
  }

  private async evaluateTasks(tasks: readonly EvaluationTask[], policies: readonly ActivePolicy[], reasons: ReadonlyMap<string, string>): Promise<void> {
    if (!policies.length) {
      // Nothing enabled: no evidence to load; any stored violation of these subjects resolves.
      await this.evaluator.store(tasks.map(unjudged), reasons);
      return;
    }
    const subjects = await this.load(tasks);
    const outcomes = [];
    for (let i = 0; i < subjects.length; i += SLICE) {
      outcomes.push(...this.evaluator.evaluate(policies, subjects.slice(i, i + SLICE)));
      await yieldToRequests();
    }
    await this.evaluator.store(outcomes, reasons);
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
