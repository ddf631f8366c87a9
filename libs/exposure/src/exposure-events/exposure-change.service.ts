import { Injectable } from '@nestjs/common';
import { DeploymentRepository } from '@pedigree/deployment';
import { LineageNodeRepository } from '@pedigree/lineage';
import { EventDraft, EventSubject } from '@pedigree/outbox';
import { AncestryLoader } from '../ancestry.loader';
import { ServingLoader } from '../model-exposure/serving.loader';
import { DependencyFacts } from '../rules/dependencies';
import { changesAbove, differenceAround, toggle, ToggledUnion } from '../rules/edge-toggle';
import { EventNodeRef, ExposureDifference } from '../rules/exposure-change';
import { QueuedExposureChange, QueuedTransaction } from './exposure-change.repository';

/** One edge change of the transaction an event reports, as the event states it. */
export interface ExposureCause {
  change: QueuedExposureChange['change'];
  edgeId: string;
  relation: string;
  derived: EventNodeRef;
  source: EventNodeRef;
  auditEventId: string | null;
}

/** Causes named per event; a bulk write under one node says how many more there were. */
const MAX_CAUSES = 100;

const draft = (subject: EventSubject, causes: readonly ExposureCause[], difference: ExposureDifference): EventDraft => ({
  type: 'exposure.changed',
  subject,
  payload: { causes: causes.slice(0, MAX_CAUSES), ...(causes.length > MAX_CAUSES ? { causesOmitted: causes.length - MAX_CAUSES } : {}), ...difference },
});

const byDerived = (causes: readonly ExposureCause[]) => {
  const map = new Map<string, ExposureCause[]>();
  for (const c of causes) {
    const list = map.get(c.derived.id);
    if (list) list.push(c);
    else map.set(c.derived.id, [c]);
  }
  return map;
};

/**
 * `exposure.changed` drafts for the subjects of one transaction's queued changes: each subject's
 * exposure before and after them, from the existing rollup (one rule, one home), and an event only
 * for subjects whose sets differ. Subjects come in batches, each one ancestry load for the batch.
 */
@Injectable()
export class ExposureChangeService {
  constructor(
    private readonly ancestry: AncestryLoader,
    private readonly serving: ServingLoader,
    private readonly nodes: LineageNodeRepository,
    private readonly deployments: DeploymentRepository,
  ) {}

  async causesOf(group: QueuedTransaction): Promise<ExposureCause[]> {
    const ids = [...new Set(group.changes.flatMap((c) => [c.edge.derivedId, c.edge.sourceId]))];
    const found = new Map((await this.nodes.findByIds(ids)).map((n) => [n.id, n]));
    const ref = (id: string): EventNodeRef => {
      const n = found.get(id);
      return { type: n?.kind ?? 'UNKNOWN', id, key: n?.key ?? id };
    };
    return group.changes.map((c) => ({
      change: c.change,
      edgeId: c.edge.id,
      relation: c.edge.relation,
      derived: ref(c.edge.derivedId),
      source: ref(c.edge.sourceId),
      auditEventId: c.auditEventId,
    }));
  }

  /** Events for these lineage nodes (models, checkpoints, datasets). */
  async forNodes(group: QueuedTransaction, causes: readonly ExposureCause[], nodeIds: readonly string[]): Promise<EventDraft[]> {
    const { union, facts } = await this.load(group, nodeIds);
    const under = byDerived(causes);
    const out: EventDraft[] = [];
    for (const id of nodeIds) {
      const node = union.nodes.get(id);
      if (!node) continue;
      const difference = differenceAround(union, id, { facts });
      if (difference) out.push(draft({ type: node.kind, id, key: node.name }, changesAbove(union, id, under), difference));
    }
    return out;
  }

  /** Events for the deployments that run these nodes: their lineage part, plus their own serving as the exposure query shows it. */
  async forDeploymentsOn(group: QueuedTransaction, causes: readonly ExposureCause[], nodeIds: readonly string[]): Promise<EventDraft[]> {
    const deployments = await this.deployments.namesOnNodes(nodeIds);
    if (!deployments.length) return [];
    const served = [];
    for (const d of deployments) served.push(await this.serving.load(d.name, 'deployment'));
    const { union, facts } = await this.load(group, [...new Set(served.map((s) => s.deployment.nodeId))]);
    const under = byDerived(causes);
    const out: EventDraft[] = [];
    for (const s of served) {
      const difference = differenceAround(union, s.deployment.nodeId, { facts, own: s.own, servingUnavoidable: s.servingUnavoidable });
      const { id, name, environment, system } = s.deployment;
      if (difference) out.push(draft({ type: 'DEPLOYMENT', id, key: name, environment, system }, changesAbove(union, s.deployment.nodeId, under), difference));
    }
    return out;
  }

  /** The subjects' ancestry and the changed edges' sources with theirs, so both sides are whole whatever the edges' state now. */
  private async load(group: QueuedTransaction, rootIds: readonly string[]): Promise<{ union: ToggledUnion; facts: DependencyFacts }> {
    const loaded = await this.ancestry.load([...new Set([...rootIds, ...group.changes.map((c) => c.edge.sourceId)])], { dependencies: true });
    return { union: toggle(loaded.nodes, loaded.edges, loaded.terms, group.changes), facts: loaded.dependencies };
  }
}
