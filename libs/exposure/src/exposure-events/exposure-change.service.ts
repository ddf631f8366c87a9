import { Injectable } from '@nestjs/common';
import { LineageNodeRepository } from '@pedigree/lineage';
import { EventDraft, EventSubject } from '@pedigree/outbox';
import { AncestryLoader } from '../ancestry.loader';
import { ServingLoader } from '../model-exposure/serving.loader';
import { DependencyFacts } from '../rules/dependencies';
import { differenceAround, toggle, ToggledUnion } from '../rules/edge-toggle';
import { EventNodeRef, ExposureDifference } from '../rules/exposure-change';
import { ExposureChangeRepository, QueuedExposureChange } from './exposure-change.repository';

/** What every event of one change says about its cause. */
export interface ExposureCause {
  change: QueuedExposureChange['change'];
  edgeId: string;
  relation: string;
  derived: EventNodeRef;
  source: EventNodeRef;
}

const draft = (subject: EventSubject, cause: ExposureCause, difference: ExposureDifference): EventDraft => ({
  type: 'exposure.changed',
  subject,
  payload: { cause, ...difference },
});

/**
 * `exposure.changed` drafts for the subjects of one queued change: each subject's exposure with the
 * edge and without it, from the existing rollup (one rule, one home), and an event only for subjects
 * whose sets differ. Subjects come in batches, each one ancestry load for the whole batch.
 */
@Injectable()
export class ExposureChangeService {
  constructor(
    private readonly ancestry: AncestryLoader,
    private readonly serving: ServingLoader,
    private readonly nodes: LineageNodeRepository,
    private readonly queue: ExposureChangeRepository,
  ) {}

  async causeOf(change: QueuedExposureChange): Promise<ExposureCause> {
    const found = new Map((await this.nodes.findByIds([change.edge.derivedId, change.edge.sourceId])).map((n) => [n.id, n]));
    const ref = (id: string): EventNodeRef => {
      const n = found.get(id);
      return { type: n?.kind ?? 'UNKNOWN', id, key: n?.key ?? id };
    };
    return {
      change: change.change,
      edgeId: change.edge.id,
      relation: change.edge.relation,
      derived: ref(change.edge.derivedId),
      source: ref(change.edge.sourceId),
    };
  }

  /** Events for these lineage nodes (models, checkpoints, datasets). */
  async forNodes(change: QueuedExposureChange, cause: ExposureCause, nodeIds: readonly string[]): Promise<EventDraft[]> {
    const { union, facts } = await this.load(change, nodeIds);
    const out: EventDraft[] = [];
    for (const id of nodeIds) {
      const node = union.nodes.get(id);
      if (!node) continue;
      const difference = differenceAround(union, id, change.change, { facts });
      if (difference) out.push(draft({ type: node.kind, id, key: node.name }, cause, difference));
    }
    return out;
  }

  /** Events for the deployments that run these nodes: their lineage part, plus their own serving as the exposure query shows it. */
  async forDeploymentsOn(change: QueuedExposureChange, cause: ExposureCause, nodeIds: readonly string[]): Promise<EventDraft[]> {
    const deployments = await this.queue.deploymentsOn(nodeIds);
    if (!deployments.length) return [];
    const served = [];
    for (const d of deployments) served.push(await this.serving.load(d.name, 'deployment'));
    const { union, facts } = await this.load(change, [...new Set(served.map((s) => s.deployment.nodeId))]);
    const out: EventDraft[] = [];
    for (const s of served) {
      const difference = differenceAround(union, s.deployment.nodeId, change.change, { facts, own: s.own, servingUnavoidable: s.servingUnavoidable });
      const { id, name, environment, system } = s.deployment;
      if (difference) out.push(draft({ type: 'DEPLOYMENT', id, key: name, environment, system }, cause, difference));
    }
    return out;
  }

  /** The subjects' ancestry and the edge's source with its own, so the graph with the edge is whole whatever the edge's state now. */
  private async load(change: QueuedExposureChange, rootIds: readonly string[]): Promise<{ union: ToggledUnion; facts: DependencyFacts }> {
    const loaded = await this.ancestry.load([...new Set([...rootIds, change.edge.sourceId])], { dependencies: true });
    return { union: toggle(loaded.nodes, loaded.edges, loaded.terms, change.edge), facts: loaded.dependencies };
  }
}
