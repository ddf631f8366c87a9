import { Injectable } from '@nestjs/common';
import { config } from '@pedigree/config';
import { countryName, EdgeRef, normalizeCountry } from '@pedigree/core';
import { LineageEdgeRecord, LineageEdgeRepository, LineageNodeRepository, NodeRef, resolveNodeRef } from '@pedigree/lineage';
import { AncestryLoader } from '../ancestry.loader';
import { AuxiliaryModelView, CountryExposureView, DistillationSourceView, ExposureView, VendorExposureView } from './exposure.view';
import { AuxiliaryModel } from '../rules/auxiliary-models';
import { AncestryGraph } from '../rules/ancestry-graph';
import { CountryExposure } from '../rules/country-rollup';
import { DistillationSource } from '../rules/distillation-sources';
import { explain } from '../rules/explanation-text';
import { foreignTo, rollUpExposure } from '../rules/exposure.rollup';
import { VendorExposure } from '../rules/vendor-rollup';

/** The default perspective for `foreign`, e.g. `FR`; unset means no foreign section unless asked. */
export function defaultPerspective(): string | null {
  return normalizeCountry(config().perspective, 'PEDIGREE_PERSPECTIVE');
}

@Injectable()
export class ExposureService {
  private readonly fallbackPerspective = defaultPerspective();

  constructor(
    private readonly nodes: LineageNodeRepository,
    private readonly edges: LineageEdgeRepository,
    private readonly ancestry: AncestryLoader,
  ) {}

  /** A bounded number of statements whatever the ancestry size: resolve, walk, facts, terms, evidence. */
  async exposure(of: NodeRef, perspective?: string | null): Promise<ExposureView> {
    const persp = perspective ? normalizeCountry(perspective, 'perspective') : this.fallbackPerspective;
    const root = await resolveNodeRef(this.nodes, of, 'of');
    const loaded = await this.ancestry.load([root.id]);
    const graph: AncestryGraph = { rootId: root.id, nodes: loaded.nodes, edges: loaded.edges };
    const report = rollUpExposure(graph, loaded.terms);

    const pathIds = new Set<string>();
    const paths = [...report.countries, ...report.vendors, ...report.distillationSources, ...report.auxiliaryModels, ...report.drift].map((x) => x.path);
    for (const p of paths) for (const e of p) pathIds.add(e.id);
    for (const d of report.distillationSources) for (const e of d.teachingEdges) pathIds.add(e.id);
    for (const a of report.auxiliaryModels) for (const e of a.auxiliaryEdges) pathIds.add(e.id);
    const records = new Map((await this.edges.findByIds([...pathIds])).map((e) => [e.id, e]));
    const withEvidence = (path: EdgeRef[]): LineageEdgeRecord[] => path.map((e) => records.get(e.id)!);
    // The records, not the bare refs: the sentence shows each teaching edge's snapshot and each auxiliary role.
    const sentence = (path: EdgeRef[], from = root.id) => explain(from, withEvidence(path), graph.nodes);

    const countryView = (c: CountryExposure): CountryExposureView => ({
      country: c.country,
      countryName: c.country ? countryName(c.country) : null,
      kinds: c.kinds,
      nearestDepth: c.nearestDepth,
      ancestorCount: c.ancestorCount,
      nearestId: c.nearestNodeId,
      path: withEvidence(c.path),
      explanation: sentence(c.path),
    });
    const vendorView = (v: VendorExposure): VendorExposureView => ({
      vendorId: v.vendor.id,
      vendorName: v.vendor.name,
      country: v.vendor.country,
      kinds: v.kinds,
      nearestDepth: v.nearestDepth,
      ancestorCount: v.ancestorCount,
      nearestId: v.nearestNodeId,
      unavoidable: v.unavoidable,
      weightRootVendor: v.weightRootVendor,
      path: withEvidence(v.path),
      explanation: sentence(v.path),
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

    return {
      subjectId: root.id,
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
  }
}
