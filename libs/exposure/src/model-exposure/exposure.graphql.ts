import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AuxiliaryRole } from '@pedigree/core';
import { ObligationKind } from '@pedigree/licensing';
import { LineageEdgeType } from '@pedigree/lineage';
import { DistillationChannel } from '../rules/distillation-sources';
import { ExposureKind } from '../rules/exposure-kind';
import { DriftReason } from '../rules/license-rollup';
import { ExposureDependencyType } from './exposure-dependency.graphql';
import { DeploymentType } from '@pedigree/deployment';

registerEnumType(ExposureKind, {
  name: 'ExposureKind',
  description: 'How an ancestor influences the subject.',
  valuesMap: {
    WEIGHTS: { description: 'Its weights are inside the subject (finetune, adapter, merge, quantization, pruning, continued pretraining).' },
    DISTILLATION: { description: 'The subject learned from it as a teacher, directly or through data it generated.' },
    TRAINING_DATA: { description: 'Its data was trained on.' },
    AUXILIARY: {
      description:
        'It shaped the subject without contributing weights or text: a reward model, judge or filter classifier (an AUXILIARY edge), or anything above one. Dominates: everything above an auxiliary model is AUXILIARY.',
    },
    COMPUTE: { description: 'Where weights on the weight paths were trained: the training-run compute provider and country.' },
    SERVING: { description: 'Who serves a deployment and where: its inference provider and serving country.' },
    OWNERSHIP: {
      description:
        'A publisher in the ancestry is effectively owned, at or above PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD, by an organization of another country.',
    },
  },
});
registerEnumType(DistillationChannel, {
  name: 'DistillationChannel',
  description: 'How a teacher taught.',
  valuesMap: {
    TEACHER: { description: 'A DISTILLATION edge: trained on the teacher outputs.' },
    SYNTHETIC_DATA: { description: 'Through a dataset the teacher generated (GENERATED_BY).' },
  },
});
registerEnumType(DriftReason, {
  name: 'DriftReason',
  description: 'Which constraint of an ancestor license a derived model drops.',
  valuesMap: {
    NON_COMMERCIAL_DROPPED: { description: 'The ancestor is non-commercial; the derived license allows commercial use.' },
    SHARE_ALIKE_DROPPED: { description: 'The ancestor requires share-alike; the derived license does not.' },
    DERIVATIVES_FORBIDDEN: { description: 'The ancestor forbids derivatives, yet this derivative exists.' },
    USE_RESTRICTIONS_DROPPED: { description: 'The ancestor imposes use restrictions that the derived license does not carry.' },
  },
});
registerEnumType(ObligationKind, {
  name: 'ObligationKind',
  description: 'What a license requires.',
  valuesMap: {
    ATTRIBUTION: { description: 'Keep notices or show an attribution (e.g. "Built with Llama").' },
    NAMING: { description: 'Derivatives must be named a certain way.' },
    USE_RESTRICTION: { description: 'An acceptable-use policy that passes through to users.' },
    NON_COMMERCIAL: { description: 'Commercial use is not allowed.' },
    SHARE_ALIKE: { description: 'Derivatives must use the same or a compatible license.' },
    NO_DERIVATIVES: { description: 'Derivatives may not be shared.' },
    USER_THRESHOLD: { description: 'A separate license is needed above a user count.' },
  },
});

@ObjectType({ isAbstract: true })
abstract class Explained {
  @Field(() => [ExposureKind], { description: 'Every way it enters the ancestry.' })
  kinds: ExposureKind[];

  @Field(() => Int, { description: 'Fewest edges from the subject to the nearest ancestor in this group.' })
  nearestDepth: number;

  @Field(() => Int, { description: 'Number of ancestors in this group.' })
  ancestorCount: number;

  @Field(() => Int, { description: 'Number of compute, serving and ownership dependencies in this group (see `Exposure.dependencies`).' })
  dependencyCount: number;

  @Field(() => ID, { description: 'Id of the nearest ancestor in this group, or of the node its nearest dependency hangs on (see `nearest`).' })
  nearestId: string;

  @Field(() => ExposureDependencyType, {
    nullable: true,
    description: 'Set when a dependency, not an ancestor, is the nearest member of this group: the fact that explains it.',
  })
  via: ExposureDependencyType | null;

  @Field(() => [LineageEdgeType], { description: 'One shortest chain of edges from the subject to `nearest`, each with evidence.' })
  path: LineageEdgeType[];

  @Field({ description: 'The chain in words, e.g. "ours → FINETUNE → X → DISTILLATION → Y (Vendor, CN)".' })
  explanation: string;
}

@ObjectType('CountryExposure', { description: 'A country in the ancestry and how it gets there.' })
export class CountryExposureType extends Explained {
  @Field(() => String, { nullable: true, description: 'ISO alpha-2; null groups ancestors whose country is unknown.' })
  country: string | null;

  @Field(() => String, { nullable: true, description: 'English name of the country.' })
  countryName: string | null;
}

@ObjectType('VendorExposure', { description: 'An organization (rolled up to its ultimate parent) in the ancestry.' })
export class VendorExposureType extends Explained {
  @Field(() => ID, { description: 'Id of the vendor organization (see `vendor`).' })
  vendorId: string;

  @Field({ description: 'Name of the vendor.' })
  vendorName: string;

  @Field(() => String, { nullable: true, description: 'Country of the vendor.' })
  country: string | null;

  @Field({ description: 'True when every weight path from the subject to its weight roots passes through this vendor: no alternative route avoids it.' })
  unavoidable: boolean;

  @Field({ description: 'True when the vendor trained one of the weight roots (base weights trained from scratch).' })
  weightRootVendor: boolean;
}

@ObjectType('DistillationSource', { description: 'A teacher of the subject or of one of its ancestors.' })
export class DistillationSourceType {
  @Field(() => ID, { description: 'Id of the teacher (see `teacher`).' })
  teacherId: string;

  @Field({ description: 'Name of the teacher.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'OPEN_WEIGHTS, API_ONLY or CLOSED.' })
  access: string | null;

  @Field(() => String, { nullable: true, description: 'Country of the teacher.' })
  country: string | null;

  @Field(() => [DistillationChannel], { description: 'Directly as a teacher, and/or through synthetic data.' })
  channels: DistillationChannel[];

  @Field({ description: 'True when it taught the subject itself rather than an ancestor.' })
  direct: boolean;

  @Field(() => Int, { description: 'Edges from the subject.' })
  depth: number;

  @Field(() => [LineageEdgeType], { description: 'One shortest chain from the subject to the teacher; it ends with the teaching edge.' })
  path: LineageEdgeType[];

  @Field({ description: 'The chain in words, with the teaching edge snapshot and period when stated.' })
  explanation: string;

  @Field(() => String, {
    nullable: true,
    description: 'Snapshot of the teacher that the teaching edge of `path` names (e.g. `gpt-4-0613`); null when the edge does not say.',
  })
  teacherSnapshot: string | null;

  @Field(() => String, { nullable: true, description: 'First day of use that the teaching edge of `path` states, `YYYY-MM-DD`.' })
  usedFrom: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of use that the teaching edge of `path` states, `YYYY-MM-DD`.' })
  usedTo: string | null;

  @Field(() => [LineageEdgeType], {
    description:
      'Every DISTILLATION and GENERATED_BY edge from this teacher into the ancestry, each with its own snapshot and period (students may have used different ones).',
  })
  teachingEdges: LineageEdgeType[];
}

@ObjectType('AuxiliaryModel', {
  description: 'A reward model, judge or filter classifier that shaped the subject or one of its ancestors (an AUXILIARY edge).',
})
export class AuxiliaryModelType {
  @Field(() => ID, { description: 'Id of the auxiliary model (see `model`).' })
  modelId: string;

  @Field({ description: 'Name of the auxiliary model.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Country of the auxiliary model.' })
  country: string | null;

  @Field(() => AuxiliaryRole, { description: 'Its role on the AUXILIARY edge of `path`.' })
  role: AuxiliaryRole;

  @Field(() => [AuxiliaryRole], { description: 'Every role it played in the ancestry.' })
  roles: AuxiliaryRole[];

  @Field({ description: 'True when it shaped the subject itself rather than an ancestor.' })
  direct: boolean;

  @Field(() => Int, { description: 'Edges from the subject.' })
  depth: number;

  @Field(() => [LineageEdgeType], { description: 'One shortest chain from the subject, ending with the AUXILIARY edge into this model.' })
  path: LineageEdgeType[];

  @Field({ description: 'The chain in words, e.g. "ours → AUXILIARY [REWARD_MODEL] → rm (Vendor, US)".' })
  explanation: string;
}

@ObjectType('InheritedLicense', { description: 'A license held by ancestors.' })
export class InheritedLicenseType {
  @Field({ description: 'The SPDX expression.' })
  expression: string;

  @Field({ description: 'False when the expression refers to terms the registry does not know.' })
  known: boolean;

  @Field(() => [ExposureKind], { description: 'How the ancestors holding it are reached.' })
  kinds: ExposureKind[];

  @Field(() => [ID], { description: 'Ids of the ancestors holding it (see `holders`).' })
  holderIds: string[];
}

@ObjectType('InheritedObligation', { description: 'A duty that comes with an ancestor license.' })
export class InheritedObligationType {
  @Field(() => ObligationKind, { description: 'What sort of duty.' })
  kind: ObligationKind;

  @Field({ description: 'License id it comes from.' })
  license: string;

  @Field({ description: 'The duty in words.' })
  text: string;

  @Field(() => [ExposureKind], { description: 'Through WEIGHTS it binds derivatives; through DISTILLATION or TRAINING_DATA it needs review.' })
  kinds: ExposureKind[];

  @Field(() => [ID], { description: 'Ids of the ancestors it comes from (see `holders`).' })
  holderIds: string[];
}

@ObjectType('LicenseDrift', { description: 'A model whose declared license is more permissive than a weight ancestor allows.' })
export class LicenseDriftType {
  @Field(() => ID, { description: 'Id of the derived model (see `derived`).' })
  derivedId: string;

  @Field(() => String, { nullable: true, description: 'Its declared license.' })
  declaredLicense: string | null;

  @Field(() => ID, { description: 'Id of the ancestor whose terms it drops (see `ancestor`).' })
  ancestorId: string;

  @Field(() => String, { nullable: true, description: 'The ancestor license.' })
  ancestorLicense: string | null;

  @Field(() => DriftReason, { description: 'Which constraint is dropped.' })
  reason: DriftReason;

  @Field(() => [LineageEdgeType], { description: 'Weight path from the derived model to the ancestor.' })
  path: LineageEdgeType[];

  @Field({ description: 'The chain in words.' })
  explanation: string;
}

@ObjectType('ForeignExposure', { description: 'The parts of an exposure that are foreign to the perspective country (unknown countries included).' })
export class ForeignExposureType {
  @Field({ description: 'The perspective country, ISO alpha-2.' })
  perspective: string;

  @Field(() => [CountryExposureType], { description: 'Foreign countries.' })
  countries: CountryExposureType[];

  @Field(() => [VendorExposureType], { description: 'Foreign vendors.' })
  vendors: VendorExposureType[];

  @Field(() => [DistillationSourceType], { description: 'Foreign teachers.' })
  distillationSources: DistillationSourceType[];
}

@ObjectType('Exposure', { description: 'Everything a model or checkpoint depends on, through every relation, with an explanation for each line.' })
export class ExposureType {
  @Field(() => ID, { description: 'Id of the subject (see `subject`); for a deployment, the checkpoint or model it runs.' })
  subjectId: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The recorded time this answer is for (`asOf`); null for the present.' })
  asOf: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The day (YYYY-MM-DD, UTC) ownership stakes were judged valid on, when `asOf` or `validAt` was given; null for today.',
  })
  validAt: string | null;

  @Field(() => DeploymentType, { nullable: true, description: 'The audited deployment, when the subject is one.' })
  deployment: DeploymentType | null;

  @Field(() => [ExposureDependencyType], {
    description:
      'Compute (where weights on the weight paths were trained), serving (a deployment subject) and ownership (foreign owners of publishers) dependencies, nearest first.',
  })
  dependencies: ExposureDependencyType[];

  @Field(() => String, { nullable: true, description: 'Perspective country used for `foreign`.' })
  perspective: string | null;

  @Field(() => Int, { description: 'Number of distinct ancestors.' })
  ancestorCount: number;

  @Field({ description: 'True if the ancestry is deeper than the walk limit (100) and was cut.' })
  truncated: boolean;

  @Field(() => [CountryExposureType], { description: 'Countries in the ancestry, nearest first.' })
  countries: CountryExposureType[];

  @Field(() => [VendorExposureType], { description: 'Vendors (ultimate parents of publishers), nearest first.' })
  vendors: VendorExposureType[];

  @Field(() => [ID], { description: 'Ids of the weight roots (see `weightRoots`).' })
  weightRootIds: string[];

  @Field(() => [DistillationSourceType], { description: 'Direct and transitive teachers, including API-only ones and those reached through synthetic data.' })
  distillationSources: DistillationSourceType[];

  @Field(() => [AuxiliaryModelType], {
    description:
      'Reward models, judges and filters (AUXILIARY edges) that shaped the subject or its ancestors, nearest first. They and everything above them count as AUXILIARY exposure in `countries` and `vendors`.',
  })
  auxiliaryModels: AuxiliaryModelType[];

  @Field(() => [InheritedLicenseType], { description: 'Licenses of ancestors.' })
  licenses: InheritedLicenseType[];

  @Field(() => [InheritedObligationType], { description: 'Duties those licenses carry.' })
  obligations: InheritedObligationType[];

  @Field(() => [LicenseDriftType], { description: 'Models on the weight paths whose declared license drops an ancestor constraint.' })
  licenseDrift: LicenseDriftType[];

  @Field(() => ForeignExposureType, { nullable: true, description: 'What is foreign to `perspective`; null without a perspective.' })
  foreign: ForeignExposureType | null;
}
