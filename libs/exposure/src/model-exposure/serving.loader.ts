import { Injectable } from '@nestjs/common';
import { NodeFactsRepository } from '@pedigree/catalog';
import { notFound } from '@pedigree/core';
import { DeploymentEnvironment, DeploymentRecord, DeploymentRepository } from '@pedigree/deployment';
import { OrgRef } from '../rules/ancestry-graph';
import { AttachedDependency, servingDependency } from '../rules/dependencies';

export interface ServedSubject {
  deployment: DeploymentRecord;
  own: AttachedDependency[];
  /** Vendors serving every production deployment of the deployment's system. */
  servingUnavoidable: Set<string>;
}

/** A deployment as an exposure subject: what it runs, and who serves it and where (SERVING). */
@Injectable()
export class ServingLoader {
  constructor(
    private readonly deployments: DeploymentRepository,
    private readonly facts: NodeFactsRepository,
  ) {}

  async load(name: string, field: string): Promise<ServedSubject> {
    const { deployment, production } = await this.deployments.withProductionSiblings(name.trim());
    if (!deployment) throw notFound('deployment', name, field);
    const providerIds = [...new Set([deployment, ...production].map((d) => d.inferenceProviderId).filter((id): id is string => !!id))];
    const [vendors, providers] = await Promise.all([this.facts.rollUp(providerIds), this.facts.organizations(providerIds)]);
    const byId = new Map<string, OrgRef>(providers.map((p) => [p.id, p]));
    const vendorOf = (d: DeploymentRecord) => (d.inferenceProviderId ? (vendors.get(d.inferenceProviderId) ?? null) : null);
    const served = [
      servingDependency(deployment.nodeId, {
        id: deployment.id,
        name: deployment.name,
        provider: deployment.inferenceProviderId ? (byId.get(deployment.inferenceProviderId) ?? null) : null,
        vendor: vendorOf(deployment),
        country: deployment.country,
        region: deployment.region,
      }),
    ];
    // Serving lock-in: the audited production deployment's own provider is behind every production
    // deployment of its system, so the system has no second provider to move to.
    const own = vendorOf(deployment)?.id;
    const productionVendors = new Set(production.map((d) => vendorOf(d)?.id ?? 'self-hosted'));
    const locked = deployment.environment === DeploymentEnvironment.PRODUCTION && own && productionVendors.size === 1 && productionVendors.has(own);
    const servingUnavoidable = new Set(locked ? [own] : []);
    return { deployment, own: served, servingUnavoidable };
  }
}
