import { LicenseTerms } from '@pedigree/licensing';
import { AncestryGraph, breadthFirst, upEdges } from './ancestry-graph';
import { AuxiliaryModel, auxiliaryModels } from './auxiliary-models';
import { CountryExposure, countryRollup } from './country-rollup';
import { DistillationSource, distillationSources } from './distillation-sources';
import { entryStates } from './exposure-kind';
import { InheritedLicense, InheritedObligation, LicenseDrift, licenseRollup } from './license-rollup';
import { ancestors, RollupContext } from './rollup';
import { VendorExposure, vendorRollup, weightRoots } from './vendor-rollup';

export interface ExposureReport {
  rootId: string;
  ancestorCount: number;
  countries: CountryExposure[];
  vendors: VendorExposure[];
  weightRootIds: string[];
  distillationSources: DistillationSource[];
  auxiliaryModels: AuxiliaryModel[];
  licenses: InheritedLicense[];
  obligations: InheritedObligation[];
  drift: LicenseDrift[];
}

/** The whole exposure answer for one subject, as a pure function of its ancestry. */
export function rollUpExposure(graph: AncestryGraph, terms: ReadonlyMap<string, LicenseTerms>): ExposureReport {
  const up = upEdges(graph.edges);
  const ctx: RollupContext = { graph, reach: breadthFirst(graph.rootId, up), states: entryStates(graph.rootId, up) };
  const roots = weightRoots(ctx, up);
  return {
    rootId: graph.rootId,
    ancestorCount: ancestors(ctx).length,
    countries: countryRollup(ctx),
    vendors: vendorRollup(ctx, up, roots),
    weightRootIds: roots,
    distillationSources: distillationSources(ctx, graph.edges),
    auxiliaryModels: auxiliaryModels(ctx, graph.edges),
    ...licenseRollup(ctx, terms),
  };
}

/** Restricts a report to what is foreign to `perspective`; unknown countries count as foreign. */
export function foreignTo(report: ExposureReport, perspective: string, countryOf: (nodeId: string) => string | null) {
  return {
    countries: report.countries.filter((c) => c.country !== perspective),
    vendors: report.vendors.filter((v) => v.vendor.country !== perspective),
    distillationSources: report.distillationSources.filter((d) => countryOf(d.nodeId) !== perspective),
  };
}
