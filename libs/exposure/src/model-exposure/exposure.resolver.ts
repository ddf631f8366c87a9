import { Permission, timeSlice } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { Args, Context, GraphQLISODateTime, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CatalogContext, OrganizationType } from '@pedigree/catalog';
import { LineageNodeType, NodeRefInput } from '@pedigree/lineage';
import {
  AuxiliaryModelType,
  CountryExposureType,
  DistillationSourceType,
  ExposureType,
  InheritedLicenseType,
  InheritedObligationType,
  LicenseDriftType,
  VendorExposureType,
} from './exposure.graphql';
import { ExposureService } from './exposure.service';
import { ExposureDependencyType } from './exposure-dependency.graphql';

const nodes = (ctx: CatalogContext, ids: string[]) => ctx.loaders.node.loadMany(ids);

@Resolver(() => ExposureType)
export class ExposureResolver {
  constructor(private readonly service: ExposureService) {}

  @Allow(Permission.AUDIT_READ)
  @Query(() => ExposureType, {
    description: 'Countries, vendors, teachers, licenses and license drift in the whole ancestry of a model or checkpoint, each with an explanation path.',
  })
  exposure(
    @Args('of', { type: () => NodeRefInput, nullable: true, description: 'The model, checkpoint or dataset to audit. Give this or `deployment`.' })
    of: NodeRefInput | null,
    @Args('perspective', {
      nullable: true,
      description:
        'Country whose point of view defines `foreign`. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`). Defaults to PEDIGREE_PERSPECTIVE.',
    })
    perspective?: string,
    @Args('deployment', {
      nullable: true,
      description: 'A deployment name instead of `of`: what it runs, plus who serves it and where (SERVING).',
    })
    deployment?: string,
    @Args('asOf', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description:
        'Answer as the registry knew it at this moment: edges, stakes, licenses, publishers and countries recorded by then, and retractions recorded by then. Not in the future. Omit for the present.',
    })
    asOf?: Date | null,
    @Args('validAt', {
      nullable: true,
      description:
        'The real-world day (YYYY-MM-DD) ownership stakes are judged valid on (their validFrom/validTo), distinct from `asOf`. Defaults to the day of `asOf`, else today.',
    })
    validAt?: string,
  ) {
    return this.service.exposure(of, perspective, deployment, timeSlice(asOf, validAt));
  }

  @ResolveField(() => LineageNodeType, { description: 'The audited model or checkpoint.' })
  subject(@Parent() e: ExposureType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(e.subjectId);
  }

  @ResolveField(() => [LineageNodeType], { description: 'Ancestors whose weights were trained from scratch: where the subject weights come from.' })
  weightRoots(@Parent() e: ExposureType, @Context() ctx: CatalogContext) {
    return nodes(ctx, e.weightRootIds);
  }
}

@Resolver(() => ExposureDependencyType)
export class ExposureDependencyResolver {
  @ResolveField(() => LineageNodeType, { description: 'The node it hangs on.' })
  node(@Parent() d: ExposureDependencyType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(d.nodeId);
  }

  @ResolveField(() => OrganizationType, { nullable: true, description: 'The provider or owner as recorded.' })
  organization(@Parent() d: ExposureDependencyType, @Context() ctx: CatalogContext) {
    return d.organizationId ? ctx.loaders.organization.load(d.organizationId) : null;
  }
}

@Resolver(() => CountryExposureType)
export class CountryExposureResolver {
  @ResolveField(() => LineageNodeType, { description: 'The nearest ancestor from this country.' })
  nearest(@Parent() c: CountryExposureType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(c.nearestId);
  }
}

@Resolver(() => VendorExposureType)
export class VendorExposureResolver {
  @ResolveField(() => LineageNodeType, { description: 'The nearest ancestor from this vendor.' })
  nearest(@Parent() v: VendorExposureType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(v.nearestId);
  }

  @ResolveField(() => OrganizationType, { description: 'The vendor organization.' })
  vendor(@Parent() v: VendorExposureType, @Context() ctx: CatalogContext) {
    return ctx.loaders.organization.load(v.vendorId);
  }
}

@Resolver(() => DistillationSourceType)
export class DistillationSourceResolver {
  @ResolveField(() => LineageNodeType, { description: 'The teacher model.' })
  teacher(@Parent() d: DistillationSourceType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(d.teacherId);
  }
}

@Resolver(() => AuxiliaryModelType)
export class AuxiliaryModelResolver {
  @ResolveField(() => LineageNodeType, { description: 'The auxiliary model or checkpoint.' })
  model(@Parent() a: AuxiliaryModelType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(a.modelId);
  }
}

@Resolver(() => InheritedLicenseType)
export class InheritedLicenseResolver {
  @ResolveField(() => [LineageNodeType], { description: 'Ancestors holding this license.' })
  holders(@Parent() l: InheritedLicenseType, @Context() ctx: CatalogContext) {
    return nodes(ctx, l.holderIds);
  }
}

@Resolver(() => InheritedObligationType)
export class InheritedObligationResolver {
  @ResolveField(() => [LineageNodeType], { description: 'Ancestors this duty comes from.' })
  holders(@Parent() o: InheritedObligationType, @Context() ctx: CatalogContext) {
    return nodes(ctx, o.holderIds);
  }
}

@Resolver(() => LicenseDriftType)
export class LicenseDriftResolver {
  @ResolveField(() => LineageNodeType, { description: 'The model whose license drops the constraint.' })
  derived(@Parent() d: LicenseDriftType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(d.derivedId);
  }

  @ResolveField(() => LineageNodeType, { description: 'The ancestor whose constraint is dropped.' })
  ancestor(@Parent() d: LicenseDriftType, @Context() ctx: CatalogContext) {
    return ctx.loaders.node.load(d.ancestorId);
  }
}

export const EXPOSURE_FIELD_RESOLVERS = [
  ExposureDependencyResolver,
  CountryExposureResolver,
  VendorExposureResolver,
  DistillationSourceResolver,
  AuxiliaryModelResolver,
  InheritedLicenseResolver,
  InheritedObligationResolver,
  LicenseDriftResolver,
];
