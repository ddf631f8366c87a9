import { Injectable } from '@nestjs/common';
import { config } from '@pedigree/config';
import { countryName, EdgeRef, invalidInput, normalizeCountry, TimeSlice } from '@pedigree/core';
import { edgeKnownAt, LineageEdgeRecord, LineageEdgeRepository, LineageNodeRepository, NodeRef, resolveNodeRef } from '@pedigree/lineage';
import { AncestryLoader } from '../ancestry.loader';
import { AuxiliaryModelView, CountryExposureView, DependencyView, DistillationSourceView, ExposureView, VendorExposureView } from './exposure.view';
import { AuxiliaryModel } from '../rules/auxiliary-models';
import { ExplainedDependency } from '../rules/dependencies';
import { Explained } from '../rules/rollup';
import { ServingLoader } from './serving.loader';
import { AncestryGraph, ExposureNode } from '../rules/ancestry-graph';
import { CountryExposure } from '../rules/country-rollup';
import { DistillationSource } from '../rules/distillation-sources';
import { explain } from '../rules/explanation-text';
import { foreignTo, rollUpExposure } from '../rules/exposure.rollup';
import { VendorExposure } from '../rules/vendor-rollup';

/** The default perspective for `foreign`, e.g. `FR`; unset means no foreign section unless asked. */
export function defaultPerspective(): string | null {
  return normalizeCountry(config().perspective, 'PEDIGREE_PERSPECTIVE');
}

export interface ExposureWithFacts {
  subjectId: string;
  view: ExposureView;
  nodes: ReadonlyMap<string, ExposureNode>;
  edges: readonly EdgeRef[];
}

@Injectable()
export class ExposureService {
  private readonly fallbackPerspective = defaultPerspective();

  constructor(
    private readonly nodes: LineageNodeRepository,
    private readonly edges: LineageEdgeRepository,
    private readonly ancestry: AncestryLoader,
    private readonly serving: ServingLoader,
  ) {}

  /**
   * A bounded number of statements whatever the ancestry size: resolve, walk, facts ∥ compute,
   * terms ∥ owners, evidence. A deployment subject is the node it runs plus its own serving.
   * `at` answers as the registry knew it then (see TimeSlice); the present when null.
   */
  async exposure(of: NodeRef | null | undefined, perspective?: string | null, deployment?: string | null, at: TimeSlice | null = null): Promise<ExposureView> {
    return (await this.withFacts(of, perspective, deployment, at)).view;
  }

  /** The exposure with the walk's edges and the facts of every node it reached (publishers, vendors), as exposureDiff compares them. */
  async withFacts(
    of: NodeRef | null | undefined,
    perspective: string | null | undefined,
    deployment: string | null | undefined,
    at: TimeSlice | null,
    field = 'asOf',
  ): Promise<ExposureWithFacts> {
    const found = await this.withFactsIfRegistered(of, perspective, deployment, at, field);
    if (found.view) return found;
    throw invalidInput(field, `the subject was not registered yet at ${at!.recordedAt!.toISOString()}`, 'a moment at or after its registration');
  }

  /** As withFacts, with no view (rather than an error) when the subject was not registered yet at `at`. */
  async withFactsIfRegistered(
    of: NodeRef | null | undefined,
    perspective: string | null | undefined,
    deployment: string | null | undefined,
    at: TimeSlice | null,
    field: string,
  ): Promise<ExposureWithFacts | { view: null; subjectId: string }> {
    const persp = perspective ? normalizeCountry(perspective, 'perspective') : this.fallbackPerspective;
    if (!deployment && !of) throw invalidInput('of', 'no subject was given', 'either `of` (a model, checkpoint or dataset) or `deployment`');
    if (deployment && of) throw invalidInput('deployment', 'was given together with `of`', 'either `of` (a model, checkpoint or dataset) or `deployment`');
    // Deployments keep no history of what they serve yet, so a past answer would mix times.
    if (deployment && at) throw invalidInput(field, 'is not supported for a deployment', 'a model, checkpoint or dataset in `of`, or no asOf/validAt');
    const served = deployment ? await this.serving.load(deployment, 'deployment') : null;
    const root = served ? { id: served.deployment.nodeId } : await resolveNodeRef(this.nodes, of, 'of');
    const loaded = await this.ancestry.load([root.id], { dependencies: true, at });
    if (at?.recordedAt && !loaded.nodes.has(root.id)) return { view: null, subjectId: root.id };
    const graph: AncestryGraph = { rootId: root.id, nodes: loaded.nodes, edges: loaded.edges };
    const report = rollUpExposure(graph, loaded.terms, { facts: loaded.dependencies, own: served?.own, servingUnavoidable: served?.servingUnavoidable });

    const pathIds = new Set<string>();
    const paths = [
      ...report.countries,
      ...report.vendors,
      ...report.distillationSources,
      ...report.auxiliaryModels,
      ...report.drift,
      ...report.dependencies,
    ].map((x) => x.path);
    for (const p of paths) for (const e of p) pathIds.add(e.id);
    for (const d of report.distillationSources) for (const e of d.teachingEdges) pathIds.add(e.id);
    for (const a of report.auxiliaryModels) for (const e of a.auxiliaryEdges) pathIds.add(e.id);
    const records = new Map((await this.edges.findByIds([...pathIds])).map((e) => [e.id, edgeKnownAt(e, at?.recordedAt)]));
    const withEvidence = (path: EdgeRef[]): LineageEdgeRecord[] => path.map((e) => records.get(e.id)!);
    // The records, not the bare refs: the sentence shows each teaching edge's snapshot and each auxiliary role.
    const sentence = (path: EdgeRef[], from = root.id) => explain(from, withEvidence(path), graph.nodes);

    const dependencyView = (d: ExplainedDependency): DependencyView => ({
      kind: d.kind,
      nodeId: d.nodeId,
      organizationId: d.organization?.id ?? null,
      organizationName: d.organization?.name ?? null,
      vendorId: d.vendor?.id ?? null,
      vendorName: d.vendor?.name ?? null,
      country: d.country,
      detail: d.detail,
      depth: d.depth,
      path: withEvidence(d.path),
      explanation: `${sentence(d.path)} — ${d.detail}`,
      trainingRunId: d.trainingRunId,
      deploymentId: d.deploymentId,
      ownershipChain: d.ownershipChain,
    });
    const explained = (x: Explained) => ({
      kinds: x.kinds,
      nearestDepth: x.nearestDepth,
      ancestorCount: x.ancestorCount,
      dependencyCount: x.dependencyCount,
      nearestId: x.nearestNodeId,
      path: withEvidence(x.path),
      explanation: x.via ? `${sentence(x.path)} — ${x.via.detail}` : sentence(x.path),
      via: x.via ? dependencyView(x.via) : null,
    });
    const countryView = (c: CountryExposure): CountryExposureView => ({
      country: c.country,
      countryName: c.country ? countryName(c.country) : null,
      ...explained(c),
    });
    const vendorView = (v: VendorExposure): VendorExposureView => ({
      vendorId: v.vendor.id,
      vendorName: v.vendor.name,
      country: v.vendor.country,
      unavoidable: v.unavoidable,
      weightRootVendor: v.weightRootVendor,
      ...explained(v),
    });
    const teacherView = (d: DistillationSource): DistillationSourceView => {
      const node = graph.nodes.get(d.nodeId)!;
      const teaching = records.get(d.path[d.path.length - 1].id)!;
      return {
        teacherId: d.nodeId,
        name: node.name,
        access: node.access,
        vendorId: node.vendor?.id ?? null,
        country: node.country,
        channels: d.channels,
        direct: d.direct,
        depth: d.depth,
        path: withEvidence(d.path),
        explanation: sentence(d.path),
        teacherSnapshot: teaching.teacherSnapshot,
        usedFrom: teaching.usedFrom,
        usedTo: teaching.usedTo,
        teachingEdges: withEvidence(d.teachingEdges),
      };
    };
    const auxiliaryView = (a: AuxiliaryModel): AuxiliaryModelView => {
      const node = graph.nodes.get(a.nodeId)!;
      const edges = withEvidence(a.auxiliaryEdges);
      return {
        modelId: a.nodeId,
        name: node.name,
        country: node.country,
        role: records.get(a.path[a.path.length - 1].id)!.auxiliaryRole!,
        roles: [...new Set(edges.map((e) => e.auxiliaryRole!))],
        direct: a.direct,
        depth: a.depth,
        path: withEvidence(a.path),
        explanation: sentence(a.path),
      };
    };
    const countries = report.countries.map(countryView);
    const vendors = report.vendors.map(vendorView);
    const distillationSources = report.distillationSources.map(teacherView);
    const foreign = persp ? foreignTo(report, persp, (id) => graph.nodes.get(id)?.country ?? null) : null;

    const view: ExposureView = {
      subjectId: root.id,
      asOf: at?.recordedAt ?? null,
      validAt: at ? at.validOn : null,
      deployment: served?.deployment ?? null,
      dependencies: report.dependencies.map(dependencyView),
      perspective: persp,
      ancestorCount: report.ancestorCount,
      truncated: loaded.truncated,
      countries,
      vendors,
      weightRootIds: report.weightRootIds,
      distillationSources,
      auxiliaryModels: report.auxiliaryModels.map(auxiliaryView),
      licenses: report.licenses.map((l) => ({ expression: l.expression, known: l.known, kinds: l.kinds, holderIds: l.nodeIds })),
      obligations: report.obligations.map((o) => ({ kind: o.kind, license: o.license, text: o.text, kinds: o.kinds, holderIds: o.nodeIds })),
      licenseDrift: report.drift.map((d) => ({
        derivedId: d.derivedId,
        declaredLicense: graph.nodes.get(d.derivedId)?.license ?? null,
        ancestorId: d.ancestorId,
        ancestorLicense: graph.nodes.get(d.ancestorId)?.license ?? null,
        reason: d.reason,
        path: withEvidence(d.path),
        explanation: sentence(d.path, d.derivedId),
      })),
      foreign:
        foreign && persp
          ? {
              perspective: persp,
              countries: countries.filter((_, i) => foreign.countries.includes(report.countries[i])),
              vendors: vendors.filter((_, i) => foreign.vendors.includes(report.vendors[i])),
              distillationSources: distillationSources.filter((_, i) => foreign.distillationSources.includes(report.distillationSources[i])),
            }
          : null,
    };
    return { view, nodes: graph.nodes, edges: graph.edges, subjectId: root.id };
  }
}
