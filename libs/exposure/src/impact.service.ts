import { Inject, Injectable } from '@nestjs/common';
import { Direction, invalidInput, NodeKind, normalizeCountry, notFound, Relation } from '@pedigree/core';
import { OrganizationService } from '@pedigree/catalog';
import { DeploymentEnvironment, DeploymentRecord, DeploymentRepository } from '@pedigree/deployment';
import { LINEAGE_GRAPH, LineageEdgeRecord, LineageEdgeRepository, LineageGraph, LineageNodeRepository, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { ExposureRepository } from './exposure.repository';
import { ExposureNode } from './rules/ancestry-graph';
import { AffectedNode, impactOf, withStructural } from './rules/impact.rules';
import { ExposureKind } from './rules/exposure-kind';

export interface ImpactTarget {
  organization?: string | null;
  model?: string | null;
  checkpoint?: string | null;
  dataset?: string | null;
  country?: string | null;
}

export interface AffectedDeploymentView {
  deployment: DeploymentRecord;
  /** From a target down to what the deployment uses. */
  path: LineageEdgeRecord[];
  explanation: string;
}

export interface ImpactView {
  target: string;
  rootIds: string[];
  affected: AffectedNode[];
  byKind: { kind: ExposureKind; count: number }[];
  byRelation: { relation: Relation; count: number }[];
  deployments: AffectedDeploymentView[];
  productionDeploymentCount: number;
  truncated: boolean;
}

@Injectable()
export class ImpactService {
  constructor(
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    private readonly nodes: LineageNodeRepository,
    private readonly edges: LineageEdgeRepository,
    private readonly repo: ExposureRepository,
    private readonly deployments: DeploymentRepository,
    private readonly orgs: OrganizationService,
  ) {}

  async impact(target: ImpactTarget, relations: Relation[]): Promise<ImpactView> {
    const { description, rootIds } = await this.targets(target);
    const walk = await this.graph.walk(rootIds, Direction.DESCENDANTS, { maxDepth: MAX_WALK_DEPTH, relations: withStructural(relations), includeRetracted: false });
    const report = impactOf(rootIds, walk.edges);
    const reachedIds = [...rootIds, ...report.affected.map((a) => a.id)];
    const deployments = await this.deployments.findByNodes(reachedIds);

    const paths = new Map(deployments.map((d) => [d.id, report.pathTo(d.nodeId)]));
    const edgeIds = [...new Set([...paths.values()].flat().map((e) => e.id))];
    const nodeIds = [...new Set([...paths.values()].flat().flatMap((e) => [e.sourceId, e.derivedId]).concat(deployments.map((d) => d.nodeId)))];
    const [records, facts] = await Promise.all([this.edges.findByIds(edgeIds), nodeIds.length ? this.repo.facts(nodeIds) : Promise.resolve([])]);
    const byId = new Map(records.map((e) => [e.id, e]));
    const names = new Map<string, ExposureNode>(facts.map((f) => [f.id, f]));

    return {
      target: description,
      rootIds,
      affected: report.affected,
      byKind: report.byKind,
      byRelation: report.byRelation,
      deployments: deployments.map((d) => {
        const path = paths.get(d.id)!;
        const chain = path.map((e) => `${e.relation} ← ${names.get(e.derivedId)?.name ?? e.derivedId}`);
        const start = path.length ? names.get(path[0].sourceId)?.name : names.get(d.nodeId)?.name;
        return { deployment: d, path: path.map((e) => byId.get(e.id)!), explanation: [start, ...chain, `deployed as ${d.name} (${d.environment})`].join(' ← ') };
      }),
      productionDeploymentCount: deployments.filter((d) => d.environment === DeploymentEnvironment.PRODUCTION).length,
      truncated: walk.truncated,
    };
  }

  private async targets(t: ImpactTarget): Promise<{ description: string; rootIds: string[] }> {
    const given = Object.entries(t).filter(([, v]) => v !== null && v !== undefined && v !== '');
    if (given.length !== 1) throw invalidInput('of', `got ${given.length} targets`, 'exactly one of organization, model, checkpoint, dataset, country');
    const [kind, value] = given[0] as [keyof ImpactTarget, string];
    if (kind === 'organization') {
      const org = await this.orgs.require(value, 'of.organization');
      return { description: `organization ${org.name} and what it owns`, rootIds: await this.repo.nodesOfOrganization(org.id) };
    }
    if (kind === 'country') {
      const country = normalizeCountry(value, 'of.country')!;
      return { description: `country ${country}`, rootIds: await this.repo.nodesOfCountry(country) };
    }
    const nodeKind = { model: NodeKind.MODEL, checkpoint: NodeKind.CHECKPOINT, dataset: NodeKind.DATASET }[kind];
    const node = await this.nodes.findByKey(nodeKind, value.trim());
    if (!node) throw notFound(kind, value, `of.${kind}`);
    return { description: `${kind} ${node.key}`, rootIds: [node.id] };
  }
}
