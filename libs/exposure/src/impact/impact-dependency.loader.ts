import { Injectable } from '@nestjs/common';
import { ComputeFact, ComputeFactsRepository, EffectiveOwner, NodeFactsRepository, OwnershipService } from '@pedigree/catalog';
import { config } from '@pedigree/config';
import { TimeSlice } from '@pedigree/core';
import { ExposureKind } from '../rules/exposure-kind';
import { DependencyHit } from './impact-dependencies';

/**
 * Nodes an organization or country reaches other than by lineage: what it trained (COMPUTE), and what
 * organizations it effectively owns at or above PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD publish (OWNERSHIP).
 * Organizations it controls are part of the target already, so their models are target nodes, not hits.
 */
@Injectable()
export class ImpactDependencyLoader {
  private readonly threshold = config().ownershipExposureThreshold;

  constructor(
    private readonly compute: ComputeFactsRepository,
    private readonly ownership: OwnershipService,
    private readonly facts: NodeFactsRepository,
  ) {}

  /** At `at` when given: the runs, stakes and publishers recorded by then. */
  async hits(target: { organizationId?: string; country?: string }, at: TimeSlice | null = null): Promise<DependencyHit[]> {
    if (!target.organizationId && !target.country) return [];
    const [runs, owners] = await Promise.all([
      target.organizationId ? this.compute.trainedBy(target.organizationId, at) : this.compute.trainedIn(target.country!, at),
      this.ownership.allEffectiveOwners(this.threshold, at),
    ]);
    const byTarget = (o: EffectiveOwner) => (target.organizationId ? o.owner.id === target.organizationId : o.owner.country === target.country);
    const owned = new Map<string, EffectiveOwner>();
    for (const [orgId, list] of owners) {
      const hit = list.find(byTarget);
      if (hit) owned.set(orgId, hit);
    }
    const published = await this.facts.publishedBy([...owned.keys()], at);
    return [
      ...runs.map((r) => ({ nodeId: r.nodeId, kind: ExposureKind.COMPUTE as const, detail: trained(r) })),
      ...published.map((p) => ({ nodeId: p.nodeId, kind: ExposureKind.OWNERSHIP as const, detail: ownedBy(owned.get(p.publisherId)!) })),
    ];
  }
}

const pct = (x: number) => `${Math.round(x * 100) / 100} %`;
const trained = (r: ComputeFact) =>
  `trained on ${r.provider ? `${r.provider.name} compute` : 'compute'}${r.country ? ` in ${r.country}` : ''}${r.region ? ` (${r.region})` : ''}`;
const ownedBy = (o: EffectiveOwner) => {
  const owned = o.chain[0]?.ownedName ?? 'its publisher';
  return `publisher ${owned} effectively ${pct(o.percentage)} owned by ${o.owner.name}${o.owner.country ? ` (${o.owner.country})` : ''}`;
};
