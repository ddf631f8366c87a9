import { Inject, Injectable } from '@nestjs/common';
import { LicenseTerms } from '@pedigree/licensing';
import { LineageGraph, TRANSACTION_LINEAGE_GRAPH } from '@pedigree/lineage';
import { AncestryLoader } from '../ancestry.loader';
import { AncestryGraph, subjectGraph, upEdges } from '../rules/ancestry-graph';
import { ExposureReport, rollUpExposure } from '../rules/exposure.rollup';
import { ServingLoader } from './serving.loader';

export interface SubjectExposure {
  graph: AncestryGraph;
  report: ExposureReport;
  terms: ReadonlyMap<string, LicenseTerms>;
}

/**
 * Exposure reports of many subjects from one ancestry load, for rules that judge each subject
 * (policies). With `inTransaction` the walk reads PostgreSQL, so a write not yet committed is seen.
 */
@Injectable()
export class SubjectExposureLoader {
  constructor(
    private readonly ancestry: AncestryLoader,
    private readonly serving: ServingLoader,
    @Inject(TRANSACTION_LINEAGE_GRAPH) private readonly transactionGraph: LineageGraph,
  ) {}

  async nodes(rootIds: readonly string[], options: { inTransaction?: boolean } = {}): Promise<Map<string, SubjectExposure>> {
    const loaded = await this.ancestry.load(rootIds, { dependencies: true, graph: options.inTransaction ? this.transactionGraph : undefined });
    const up = upEdges(loaded.edges);
    const out = new Map<string, SubjectExposure>();
    for (const rootId of rootIds) {
      if (!loaded.nodes.has(rootId)) continue;
      // One subject's own ancestry out of the union, so each report costs what its ancestry costs.
      const graph = subjectGraph(rootId, up, loaded.nodes);
      out.set(rootId, { graph, report: rollUpExposure(graph, loaded.terms, { facts: loaded.dependencies }), terms: loaded.terms });
    }
    return out;
  }

  /** A deployment: what it runs, plus its own serving (provider, country, lock-in). */
  async deployment(name: string, options: { inTransaction?: boolean } = {}): Promise<SubjectExposure & { deploymentId: string }> {
    const served = await this.serving.load(name, 'deployment');
    const loaded = await this.ancestry.load([served.deployment.nodeId], {
      dependencies: true,
      graph: options.inTransaction ? this.transactionGraph : undefined,
    });
    const graph: AncestryGraph = { rootId: served.deployment.nodeId, nodes: loaded.nodes, edges: loaded.edges };
    const report = rollUpExposure(graph, loaded.terms, { facts: loaded.dependencies, own: served.own, servingUnavoidable: served.servingUnavoidable });
    return { graph, report, terms: loaded.terms, deploymentId: served.deployment.id };
  }
}
