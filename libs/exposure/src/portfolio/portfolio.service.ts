import { Injectable } from '@nestjs/common';
import { cpuGate, invalidInput, requestContext, TimeSlice } from '@pedigree/core';
import { DeploymentFilterCommand, DeploymentRepository, DeploymentService } from '@pedigree/deployment';
import { OrganizationService, NodeFactsRepository } from '@pedigree/catalog';
import { AncestryLoader } from '../ancestry.loader';
import { PortfolioMember, portfolioOf, PortfolioReport } from '../rules/portfolio.rules';

export enum PortfolioScope {
  DEPLOYMENTS = 'DEPLOYMENTS',
  MODELS = 'MODELS',
}

export interface PortfolioCommand extends DeploymentFilterCommand {
  scope?: PortfolioScope | null;
}

@Injectable()
export class PortfolioService {
  constructor(
    private readonly deployments: DeploymentRepository,
    private readonly deploymentService: DeploymentService,
    private readonly orgs: OrganizationService,
    private readonly repo: NodeFactsRepository,
    private readonly ancestry: AncestryLoader,
  ) {}

  /**
   * Members, their union ancestry and providers in a fixed number of statements, then pure rules.
   * `at`: the members registered by then (by the publishers and control of then), and their
   * exposure as exposure(asOf) answers it.
   */
  async portfolio(filter: PortfolioCommand, top: number, at: TimeSlice | null = null): Promise<PortfolioReport & { scope: PortfolioScope }> {
    if (!Number.isInteger(top) || top < 1 || top > 100) throw invalidInput('top', `${top} is out of range`, 'an integer from 1 to 100');
    const scope = filter.scope ?? PortfolioScope.DEPLOYMENTS;
    const members = scope === PortfolioScope.DEPLOYMENTS ? await this.deploymentMembers(filter, at) : await this.modelMembers(filter, at);
    const loaded = await this.ancestry.load([...new Set(members.map((m) => m.nodeId))], { dependencies: true, at });
    const report = await cpuGate.run(
      () => portfolioOf(members, loaded, top, scope === PortfolioScope.DEPLOYMENTS, loaded.dependencies),
      requestContext.deadline(),
    );
    return { scope, ...report };
  }

  private async deploymentMembers(filter: PortfolioCommand, at: TimeSlice | null): Promise<PortfolioMember[]> {
    const list = await this.deployments.findAll(await this.deploymentService.resolveFilter(filter), at);
    const providers = await this.repo.rollUp([...new Set(list.map((d) => d.inferenceProviderId).filter((id): id is string => !!id))], at);
    return list.map((d) => {
      const provider = d.inferenceProviderId ? (providers.get(d.inferenceProviderId) ?? null) : null;
      // Only a declared serving country counts; the provider's head office is not where it serves.
      return { id: d.id, nodeId: d.nodeId, provider, servingCountry: d.country };
    });
  }

  private async modelMembers(filter: PortfolioCommand, at: TimeSlice | null): Promise<PortfolioMember[]> {
    const misplaced = (['ownerTeam', 'environment', 'tag', 'excludeTags'] as const).find((k) =>
      Array.isArray(filter[k]) ? (filter[k] as string[]).length : filter[k],
    );
    if (misplaced) throw invalidInput(`filter.${misplaced}`, 'applies to deployments only', 'scope: DEPLOYMENTS, or filter models by organization');
    const org = filter.organization ? await this.orgs.require(filter.organization, 'filter.organization') : null;
    return (await this.repo.modelIds(org?.id ?? null, at)).map((id) => ({ id, nodeId: id, provider: null, servingCountry: null }));
  }
}
