import { LicenseTerms } from '@pedigree/licensing';
import { AncestryGraph, breadthFirst, upEdges } from './ancestry-graph';
import { AuxiliaryModel, auxiliaryModels } from './auxiliary-models';
import { CountryExposure, countryRollup } from './country-rollup';
import { attachedDependencies, explainDependencies } from './dependency-rollup';
import { AttachedDependency, DependencyFacts, ExplainedDependency, NO_DEPENDENCY_FACTS } from './dependencies';
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
  /** Compute, serving and ownership dependencies, nearest first, each with the lineage path to the node it hangs on. */
  dependencies: ExplainedDependency[];
}

/** What a subject depends on besides its lineage: facts about its nodes, and (for a deployment) its own serving. */
export interface ExposureExtras {
  facts?: DependencyFacts;
  /** Dependencies of the subject itself, e.g. a deployment's inference provider. */
  own?: readonly AttachedDependency[];
  /** Vendors that serve every production deployment of the subject's system. */
  servingUnavoidable?: ReadonlySet<string>;
}

/** The whole exposure answer for one subject, as a pure function of its ancestry. */
export function rollUpExposure(graph: AncestryGraph, terms: ReadonlyMap<string, LicenseTerms>, extras: ExposureExtras = {}): ExposureReport {
  const up = upEdges(graph.edges);
  const ctx: RollupContext = { graph, reach: breadthFirst(graph.rootId, up), states: entryStates(graph.rootId, up) };
  const roots = weightRoots(ctx, up);
  const deps = explainDependencies(ctx, [...(extras.own ?? []), ...attachedDependencies(ctx, extras.facts ?? NO_DEPENDENCY_FACTS)]);
  return {
    rootId: graph.rootId,
    ancestorCount: ancestors(ctx).length,
    countries: countryRollup(ctx, deps),
    vendors: vendorRollup(ctx, up, roots, deps, extras.servingUnavoidable),
    dependencies: deps,
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
