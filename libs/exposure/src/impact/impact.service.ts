import { Inject, Injectable } from '@nestjs/common';
import { cpuGate, Direction, EdgeRef, invalidInput, NodeKind, normalizeCountry, notFound, Relation, requestContext, TimeSlice } from '@pedigree/core';
import { OrganizationService, NodeFactsRepository } from '@pedigree/catalog';
import { DeploymentEnvironment, DeploymentRecord, DeploymentRepository } from '@pedigree/deployment';
import {
  assertRegisteredBy,
  edgeKnownAt,
  LINEAGE_GRAPH,
  LineageEdgeRecord,
  LineageEdgeRepository,
  LineageGraph,
  LineageNodeRepository,
  MAX_WALK_DEPTH,
} from '@pedigree/lineage';
import { ExposureNode } from '../rules/ancestry-graph';
import { AffectedNode, withStructural } from '../rules/impact.rules';
import { impactOfColumns } from '../rules/impact-columns.rules';
import { ExposureKind } from '../rules/exposure-kind';
import { addKindTotals, foldDependencyHits, pageWithDependencies } from './impact-dependencies';
import { ImpactDependencyLoader } from './impact-dependency.loader';

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
  affectedCount: number;
  /** Affected nodes `[start, end)`, nearest first; built only for the page asked for. */
  affected(start: number, end: number): AffectedNode[];
  byKind: { kind: ExposureKind; count: number }[];
  byRelation: { relation: Relation; count: number }[];
  deploymentCount: number;
  /** Affected deployments `[start, end)` by id, with their paths. */
  deployments(start: number, end: number): Promise<AffectedDeploymentView[]>;
  productionDeploymentCount: number;
  truncated: boolean;
  /** The organization or country the target is, when it is one (for cut-off scenarios). */
  organizationId: string | null;
  country: string | null;
  /** Nodes the target reaches other than by lineage (trained or owned), whose descendants the walk leaves out. */
  dependencyIds: string[];
  /** Those of `nodeIds` that are affected (target nodes, descendants, dependency hits): one pass over the walk. */
  affectedAmong(nodeIds: readonly string[]): Set<string>;
  /** Every affected deployment's id, ascending. */
  deploymentIds: string[];
  /** The given affected deployments with their paths and explanations, in the given order. */
  explainDeployments(ids: readonly string[]): Promise<AffectedDeploymentView[]>;
}

@Injectable()
export class ImpactService {
  constructor(
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    private readonly nodes: LineageNodeRepository,
    private readonly edges: LineageEdgeRepository,
    private readonly repo: NodeFactsRepository,
    private readonly deployments: DeploymentRepository,
    private readonly orgs: OrganizationService,
    private readonly dependencyHits: ImpactDependencyLoader,
  ) {}

  /**
   * `at`: as recorded then: the target's nodes, the walk, the compute and ownership hits, and the
   * deployments registered by then (a deployment is never changed once registered, so its
   * registration time is all its history).
   */
  impact(target: ImpactTarget, relations: Relation[], at: TimeSlice | null = null): Promise<ImpactView> {
    const key = `impact:${JSON.stringify([target.organization, target.model, target.checkpoint, target.dataset, target.country, [...relations].sort(), at])}`;
    return requestContext.memo(key, () => this.compute(target, relations, at));
  }

  private async compute(target: ImpactTarget, relations: Relation[], at: TimeSlice | null): Promise<ImpactView> {
    const { description, rootIds, organizationId, country } = await this.targets(target, at);
    const asOf = at?.recordedAt ?? null;
    const walk = await this.graph.walkColumns(rootIds, Direction.DESCENDANTS, {
      maxDepth: MAX_WALK_DEPTH,
      relations: withStructural(relations),
      includeRetracted: false,
      asOf,
    });
    const report = await cpuGate.run(() => impactOfColumns(rootIds, walk), requestContext.deadline());
    // Deployments are far fewer than the descendants of a large base: match them in memory rather
    // than sending hundreds of thousands of ids to PostgreSQL.
    const [all, hits, served] = await Promise.all([
      this.deployments.nodeIndex(asOf),
      this.dependencyHits.hits({ organizationId, country }, at),
      organizationId || country ? this.deployments.served(organizationId ? { organizationId } : { country: country! }, at) : Promise.resolve([]),
    ]);
    const rows = report.locate([...all.map((d) => d.nodeId), ...hits.map((h) => h.nodeId)]);
    const deps = foldDependencyHits(hits, new Set(rootIds), new Set(rows.keys()));
    const extraIds = new Set(deps.extra.map((a) => a.id));
    const extraDetail = new Map(deps.extra.map((a) => [a.id, a.dependency!]));
    // Why a deployment is affected when no lineage path explains it: it is served by the target, or
    // runs what the target trained or owns.
    const notes = new Map<string, string>();
    for (const d of served) notes.set(d.id, `served by ${d.providerName ?? 'its owner'}${d.country ? ` in ${d.country}` : ''}`);
    const hit = all.filter((d) => rows.has(d.nodeId) || extraIds.has(d.nodeId) || notes.has(d.id));
    for (const d of hit) if (!rows.has(d.nodeId) && !notes.has(d.id)) notes.set(d.id, extraDetail.get(d.nodeId)!);
    const explainDeployments = async (ids: readonly string[]) => {
      const records = ids.length ? await this.deployments.findByIds(ids) : [];
      const byId = new Map(records.map((d) => [d.id, d]));
      return this.explain(ids.map((id) => byId.get(id)!).filter(Boolean), (nodeId) => (rows.has(nodeId) ? report.pathTo(rows.get(nodeId)!) : []), notes, asOf);
    };

    return {
      target: description,
      rootIds,
      affectedCount: report.affectedCount + deps.extra.length,
      affected: pageWithDependencies(deps, report.affected),
      byKind: addKindTotals(report.byKind, deps.byKind),
      byRelation: report.byRelation,
      deploymentCount: hit.length,
      deployments: (start, end) => explainDeployments(hit.slice(start, end).map((d) => d.id)),
      productionDeploymentCount: hit.filter((d) => d.environment === DeploymentEnvironment.PRODUCTION).length,
      truncated: walk.truncated,
      organizationId: organizationId ?? null,
      country: country ?? null,
      dependencyIds: [...extraIds],
      affectedAmong: (nodeIds) => new Set([...report.locate(nodeIds).keys(), ...nodeIds.filter((id) => extraIds.has(id))]),
      deploymentIds: hit.map((d) => d.id),
      explainDeployments,
    };
  }

  /** Paths and explanations only for the deployments a page shows: a large base can reach thousands. */
  private async explain(
    deployments: DeploymentRecord[],
    pathTo: (nodeId: string) => EdgeRef[],
    notes: ReadonlyMap<string, string>,
    asOf: Date | null,
  ): Promise<AffectedDeploymentView[]> {
    const paths = new Map(deployments.map((d) => [d.id, pathTo(d.nodeId)]));
    const edgeIds = [...new Set([...paths.values()].flat().map((e) => e.id))];
    const nodeIds = [
      ...new Set(
        [...paths.values()]
          .flat()
          .flatMap((e) => [e.sourceId, e.derivedId])
          .concat(deployments.map((d) => d.nodeId)),
      ),
    ];
    const [records, facts] = await Promise.all([
      edgeIds.length ? this.edges.findByIds(edgeIds) : Promise.resolve([]),
      nodeIds.length ? this.repo.facts(nodeIds) : Promise.resolve([]),
    ]);
    const byId = new Map(records.map((e) => [e.id, edgeKnownAt(e, asOf)]));
    const names = new Map<string, ExposureNode>(facts.map((f) => [f.id, f]));
    return deployments.map((d) => {
      const path = paths.get(d.id)!;
      const chain = path.map((e) => `${e.relation} ← ${names.get(e.derivedId)?.name ?? e.derivedId}`);
      const start = path.length ? names.get(path[0].sourceId)?.name : names.get(d.nodeId)?.name;
      const note = notes.get(d.id);
      const head = note && !path.length ? `${start} (${note})` : start;
      return { deployment: d, path: path.map((e) => byId.get(e.id)!), explanation: [head, ...chain, `deployed as ${d.name} (${d.environment})`].join(' ← ') };
    });
  }

  private async targets(t: ImpactTarget, at: TimeSlice | null): Promise<{ description: string; rootIds: string[]; organizationId?: string; country?: string }> {
    const given = Object.entries(t).filter(([, v]) => v !== null && v !== undefined && v !== '');
    if (given.length !== 1) throw invalidInput('of', `got ${given.length} targets`, 'exactly one of organization, model, checkpoint, dataset, country');
    const [kind, value] = given[0] as [keyof ImpactTarget, string];
    if (kind === 'organization') {
      const org = await this.orgs.require(value, 'of.organization', at);
      return { description: `organization ${org.name} and what it owns`, rootIds: await this.repo.nodesOfOrganization(org.id, at), organizationId: org.id };
    }
    if (kind === 'country') {
      const country = normalizeCountry(value, 'of.country')!;
      return { description: `country ${country}`, rootIds: await this.repo.nodesOfCountry(country, at), country };
    }
    const nodeKind = { model: NodeKind.MODEL, checkpoint: NodeKind.CHECKPOINT, dataset: NodeKind.DATASET }[kind];
    const node = await this.nodes.findByKey(nodeKind, value.trim());
    if (!node) throw notFound(kind, value, `of.${kind}`);
    if (at?.recordedAt) await assertRegisteredBy(this.nodes, [node.id], at.recordedAt);
    return { description: `${kind} ${node.key}`, rootIds: [node.id] };
  }
}
