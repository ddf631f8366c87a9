import { Inject, Injectable } from '@nestjs/common';
import { Direction, invalidInput } from '@pedigree/core';
import { NodeFactsRepository, SubstituteFactsRepository, SubstitutePool } from '@pedigree/catalog';
import { config } from '@pedigree/config';
import { DeploymentEnvironment, DeploymentRepository } from '@pedigree/deployment';
import { LicenseTerms, licenseRefsIn } from '@pedigree/licensing';
import { LINEAGE_GRAPH, LineageGraph, MAX_WALK_DEPTH } from '@pedigree/lineage';
import { ImpactService } from '../impact/impact.service';
import {
  byCriticality,
  CutOffEntity,
  RankedSubstitute,
  CutOffScopeRule,
  inScope,
  MAX_SUBSTITUTES,
  rankSubstitutes,
  sizeWindow,
  SubstituteNeed,
  withoutSubstitute,
} from './cut-off.rules';
import { CutOffDeploymentView, CutOffScenarioView, SubstituteView } from './cut-off.view';

export interface CutOffTarget {
  organization?: string | null;
  country?: string | null;
  model?: string | null;
}

export interface CutOffScope extends CutOffScopeRule {
  parameterRange?: number | null;
}

/** Pool sizes per side of each size window, tried in turn while a pool's best are taken by the cut-off; null: all. */
const ROUNDS: (number | null)[] = [40, 1000, null];
export const MAX_LISTED = 1000;

@Injectable()
export class CutOffService {
  private readonly defaultRange = config().substituteParameterRange;

  constructor(
    @Inject(LINEAGE_GRAPH) private readonly graph: LineageGraph,
    private readonly impact: ImpactService,
    private readonly deployments: DeploymentRepository,
    private readonly substitutes: SubstituteFactsRepository,
    private readonly facts: NodeFactsRepository,
  ) {}

  async scenario(of: CutOffTarget, scope: CutOffScope, first: number): Promise<CutOffScenarioView> {
    const given = Object.entries(of ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
    if (given.length !== 1) throw invalidInput('of', `got ${given.length} targets`, 'exactly one of organization, country, model');
    const range = scope.parameterRange ?? this.defaultRange;
    if (!(range > 1 && range <= 1000))
      throw invalidInput('scope.parameterRange', `${range} is not a size factor`, 'a number greater than 1 and at most 1000, e.g. 4');
    if (!Number.isInteger(first) || first < 0 || first > MAX_LISTED)
      throw invalidInput('first', `${first} is out of range`, `a whole number from 0 to ${MAX_LISTED}`);

    // The affected set is impact's: every descendant of the target's nodes on every relation, plus what it trained or owns.
    const view = await this.impact.impact(of, []);
    // Reasons name the target as asked (`organization deepseek-ai`), not impact's long description.
    const [kind, value] = given[0] as [string, string];
    const label = `${kind} ${view.country ?? value.trim()}`;
    const entity: CutOffEntity = { label, organizationId: view.organizationId, country: view.country };
    const records = view.deploymentIds.length ? await this.deployments.findByIds(view.deploymentIds) : [];
    const scoped = records.filter((d) => inScope(d, scope)).sort(byCriticality);
    const [deployed, beyond] = await Promise.all([
      this.substitutes.modelsOfNodes(scoped.map((d) => d.nodeId)),
      this.beyondImpact(view.dependencyIds, view.country),
    ]);

    const needs = new Map<string, SubstituteNeed>();
    const pools = new Map<string, { pool: SubstitutePool; deploymentIds: string[] }>();
    for (const d of scoped) {
      const current = deployed.get(d.nodeId);
      if (!current?.modality) continue;
      const need = { current, tasks: d.tasks.length ? d.tasks : current.tasks, commercial: d.environment === DeploymentEnvironment.PRODUCTION, range };
      needs.set(d.id, need);
      const window = sizeWindow(current.parameterCount, range);
      const key = JSON.stringify([current.modality, window.at, need.tasks]);
      const entry = pools.get(key) ?? pools.set(key, { pool: { modality: current.modality, ...window, tasks: need.tasks }, deploymentIds: [] }).get(key)!;
      entry.deploymentIds.push(d.id);
    }

    const ranked = await this.rank([...pools.values()], needs, entity, view.affectedAmong, beyond.has);
    const rows = scoped.map((d) => ({ criticality: d.criticality, substitutes: ranked.get(d.id)?.length ?? 0 }));
    const listed = scoped.slice(0, first);
    const explained = await view.explainDeployments(listed.map((d) => d.id));
    return {
      target: view.target,
      rootIds: view.rootIds,
      deployments: explained.map((e): CutOffDeploymentView => ({
        deployment: e.deployment,
        path: e.path,
        explanation: e.explanation,
        environment: e.deployment.environment,
        criticality: e.deployment.criticality,
        currentModelId: deployed.get(e.deployment.nodeId)?.id ?? null,
        substitutes: ranked.get(e.deployment.id) ?? [],
      })),
      affectedDeploymentCount: scoped.length,
      withoutSubstitute: withoutSubstitute(rows),
      parameterRange: range,
      truncated: view.truncated || beyond.truncated,
    };
  }

  /**
   * Substitutes per deployment, searched per pool (same modality, size and tasks) rather than per
   * deployment or candidate: each round is one statement for every open pool, one for new license
   * terms, and one pass over the impact walk; a pool stays open only while the cut-off took too many
   * of its nearest candidates and more exist.
   */
  private async rank(
    pools: { pool: SubstitutePool; deploymentIds: string[] }[],
    needs: ReadonlyMap<string, SubstituteNeed>,
    entity: CutOffEntity,
    affectedAmong: (ids: readonly string[]) => Set<string>,
    beyond: (id: string) => boolean,
  ): Promise<Map<string, SubstituteView[]>> {
    const out = new Map<string, SubstituteView[]>();
    const terms = new Map<string, LicenseTerms>();
    let open = pools;
    for (const limit of ROUNDS) {
      if (!open.length) break;
      const found = await this.substitutes.pools(
        open.map((p) => p.pool),
        limit,
        entity.organizationId,
      );
      const all = found.flat();
      const refs = [...new Set(all.flatMap((c) => licenseRefsIn(c.license)))].filter((k) => !terms.has(k));
      for (const [k, t] of await this.facts.licenseTerms(refs)) terms.set(k, t);
      const affected = affectedAmong([...new Set(all.map((c) => c.id))]);
      const isAffected = (id: string) => affected.has(id) || beyond(id);
      const next: typeof open = [];
      open.forEach((p, i) => {
        let short = false;
        for (const id of p.deploymentIds) {
          const best = rankSubstitutes(found[i], needs.get(id)!, entity, isAffected, terms);
          out.set(id, best.map(toSubstitute));
          if (best.length < MAX_SUBSTITUTES) short = true;
        }
        if (short && limit !== null && found[i].length >= limit) next.push(p);
      });
      open = next;
    }
    return out;
  }

  /**
   * What the target reaches that impact's walk leaves out, and whose descendants a substitute's
   * ancestry must avoid all the same: below what the target trained or owns (impact stops there,
   * since derived weights do not need the trainer), and below models of a vendor from the target
   * country whose own country of origin was overridden. One more walk, only when there is any.
   */
  private async beyondImpact(dependencyIds: readonly string[], country: string | null): Promise<{ has: (id: string) => boolean; truncated: boolean }> {
    const roots = [...new Set([...dependencyIds, ...(country ? await this.substitutes.nodesOfVendorCountry(country) : [])])];
    if (!roots.length) return { has: () => false, truncated: false };
    const walk = await this.graph.walkColumns(roots, Direction.DESCENDANTS, { maxDepth: MAX_WALK_DEPTH, relations: [], includeRetracted: false });
    const reached = new Set<number>(walk.nodeIds);
    return { has: (id) => reached.has(Number(id)), truncated: walk.truncated };
  }
}

const toSubstitute = (s: RankedSubstitute): SubstituteView => ({
  modelId: s.model.id,
  rank: s.rank,
  closeness: s.closeness,
  reasons: s.reasons,
});
