import { Injectable } from '@nestjs/common';
import { ComputeFact, ComputeFactsRepository } from '@pedigree/catalog';
import { ExposureKind } from '../rules/exposure-kind';
import { DependencyHit } from './impact-dependencies';

/** Nodes an organization or country reaches other than by lineage: what it trained, and (with ownership) what it owns. */
@Injectable()
export class ImpactDependencyLoader {
  constructor(private readonly compute: ComputeFactsRepository) {}

  async hits(target: { organizationId?: string; country?: string }): Promise<DependencyHit[]> {
    if (!target.organizationId && !target.country) return [];
    const runs = target.organizationId ? await this.compute.trainedBy(target.organizationId) : await this.compute.trainedIn(target.country!);
    return runs.map((r) => ({ nodeId: r.nodeId, kind: ExposureKind.COMPUTE, detail: trained(r) }));
  }
}

const trained = (r: ComputeFact) =>
  `trained on ${r.provider ? `${r.provider.name} compute` : 'compute'}${r.country ? ` in ${r.country}` : ''}${r.region ? ` (${r.region})` : ''}`;
