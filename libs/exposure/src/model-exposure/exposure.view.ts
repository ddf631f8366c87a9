import { DeploymentRecord } from '@pedigree/deployment';
import { AuxiliaryRole } from '@pedigree/core';
import { LineageEdgeRecord } from '@pedigree/lineage';
import { DistillationChannel } from '../rules/distillation-sources';
import { ExposureKind } from '../rules/exposure-kind';
import { DriftReason } from '../rules/license-rollup';
import { ObligationKind } from '@pedigree/licensing';
import { OwnershipLink } from '../rules/dependencies';

/** A compute, serving or ownership dependency with the lineage path to the node it hangs on. */
export interface DependencyView {
  kind: ExposureKind;
  nodeId: string;
  organizationId: string | null;
  organizationName: string | null;
  vendorId: string | null;
  vendorName: string | null;
  country: string | null;
  detail: string;
  depth: number;
  path: LineageEdgeRecord[];
  explanation: string;
  trainingRunId: string | null;
  deploymentId: string | null;
  ownershipChain: OwnershipLink[];
}

/** Shapes the GraphQL layer returns; node and organization objects are loaded by field resolvers. */
interface ExplainedView {
  kinds: ExposureKind[];
  nearestDepth: number;
  ancestorCount: number;
  dependencyCount: number;
  nearestId: string;
  path: LineageEdgeRecord[];
  explanation: string;
  via: DependencyView | null;
}

export interface CountryExposureView extends ExplainedView {
  country: string | null;
  countryName: string | null;
}

export interface VendorExposureView extends ExplainedView {
  vendorId: string;
  vendorName: string;
  country: string | null;
  unavoidable: boolean;
  weightRootVendor: boolean;
}

export interface DistillationSourceView {
  teacherId: string;
  name: string;
  access: string | null;
  vendorId: string | null;
  country: string | null;
  channels: DistillationChannel[];
  direct: boolean;
  depth: number;
  path: LineageEdgeRecord[];
  explanation: string;
  teacherSnapshot: string | null;
  usedFrom: string | null;
  usedTo: string | null;
  teachingEdges: LineageEdgeRecord[];
}

export interface AuxiliaryModelView {
  modelId: string;
  name: string;
  country: string | null;
  role: AuxiliaryRole;
  roles: AuxiliaryRole[];
  direct: boolean;
  depth: number;
  path: LineageEdgeRecord[];
  explanation: string;
}

export interface InheritedLicenseView {
  expression: string;
  known: boolean;
  kinds: ExposureKind[];
  holderIds: string[];
}

export interface ObligationView {
  kind: ObligationKind;
  license: string;
  text: string;
  kinds: ExposureKind[];
  holderIds: string[];
}

export interface LicenseDriftView {
  derivedId: string;
  declaredLicense: string | null;
  ancestorId: string;
  ancestorLicense: string | null;
  reason: DriftReason;
  path: LineageEdgeRecord[];
  explanation: string;
}

export interface ForeignExposureView {
  perspective: string;
  countries: CountryExposureView[];
  vendors: VendorExposureView[];
  distillationSources: DistillationSourceView[];
}

export interface ExposureView {
  subjectId: string;
  /** The recorded time answered for; null for the present. */
  asOf: Date | null;
  /** The day ownership validity was judged on, when asked for a past or other moment; null for today. */
  validAt: string | null;
  /** Set when the subject is a deployment (subjectId is then what it runs). */
  deployment: DeploymentRecord | null;
  dependencies: DependencyView[];
  perspective: string | null;
  ancestorCount: number;
  truncated: boolean;
  countries: CountryExposureView[];
  vendors: VendorExposureView[];
  weightRootIds: string[];
  distillationSources: DistillationSourceView[];
  auxiliaryModels: AuxiliaryModelView[];
  licenses: InheritedLicenseView[];
  obligations: ObligationView[];
  licenseDrift: LicenseDriftView[];
  foreign: ForeignExposureView | null;
}
