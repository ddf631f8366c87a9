import { Args, ArgsType, Context, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission, invalidInput, toPageRequest } from '@pedigree/core';
import { Allow, Connection, EvidenceType, toConnection, PageArgs } from '@pedigree/graphql-common';
import { CustomLicenseType } from '../license/custom-license.graphql';
import { CatalogContext } from '../catalog.loaders';
import { CheckpointType, TrainingRunType } from '../checkpoint/checkpoint.graphql';
import { countryOfOrigin, originCountry, CountrySource } from '../origin/country-of-origin';
import { OrganizationType } from '../organization/organization.graphql';
import { ModelFilterInput, ModelType, RegisterModelInput } from './model.graphql';
import { ModelRecord } from './model.record';
import { ModelService } from './model.service';

const ModelConnection = Connection(ModelType, 'Model');

@ArgsType()
class ModelsArgs extends PageArgs {
  @Field(() => ModelFilterInput, { nullable: true, description: 'Filters; all must match.' })
  filter?: ModelFilterInput;
}

@Resolver(() => ModelType)
export class ModelResolver {
  constructor(private readonly service: ModelService) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => ModelType, { nullable: true, description: 'A model by id or by name (`namespace/name`, case-insensitive). Give one.' })
  model(
    @Args('id', { type: () => ID, nullable: true, description: 'Registry id.' }) id?: string,
    @Args('name', { nullable: true, description: 'E.g. `meta-llama/Llama-3.1-8B`.' }) name?: string,
  ) {
    if (!!id === !!name) throw invalidInput('id/name', 'give exactly one of them', 'model(id: "...") or model(name: "...")');
    return id ? this.service.findById(id) : this.service.findByName(name!);
  }

  @Allow(Permission.CATALOG_READ)
  @Query(() => ModelConnection, { description: 'Browse models by country, organization, license or access.' })
  async models(@Args() args: ModelsArgs) {
    return toConnection('model', await this.service.page(args.filter ?? {}, toPageRequest('model', args.first, args.after)));
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => ModelType, { description: 'Register a model with its lineage in one transaction. Idempotent by name.' })
  registerModel(@Args('input', { description: 'What to register or record.' }) input: RegisterModelInput) {
    return this.service.register(input);
  }

  @ResolveField(() => OrganizationType, { description: 'The publishing organization.' })
  publisher(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.organization.load(m.publisherId);
  }

  @ResolveField(() => String, { nullable: true, description: "Country of origin: the override if set, else the publisher's ultimate parent's country." })
  async country(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return (await originCountry(m.id, ctx.loaders)).country;
  }

  @ResolveField(() => CountrySource, { description: 'Whether `country` is an explicit override or derived from the publisher.' })
  async countrySource(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return (await originCountry(m.id, ctx.loaders)).source;
  }

  @ResolveField(() => EvidenceType, { nullable: true, description: 'Support for `country`: the override evidence, or the owning organization’s.' })
  async countryEvidence(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return (await countryOfOrigin(m.id, m.countryEvidence, ctx.loaders)).evidence;
  }

  @ResolveField(() => [CustomLicenseType], { description: 'Terms of every custom (`LicenseRef-`) license in `license`.' })
  async licenseTerms(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    const refs = m.licenseIds.filter((id) => id.startsWith('LicenseRef-'));
    return (await ctx.loaders.customLicense.loadMany(refs)).filter((l) => l && !(l instanceof Error));
  }

  @ResolveField(() => [TrainingRunType], {
    description: 'Training runs stated for the model as a whole (e.g. by its card), oldest first: where its weights were trained.',
  })
  trainingRuns(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.trainingRunsByModel.load(m.id);
  }

  @ResolveField(() => [CheckpointType], { description: 'Registered checkpoints of this model, oldest first.' })
  checkpoints(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.checkpointsByModel.load(m.id);
  }
}
