import { Args, ArgsType, Context, Field, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission, invalidInput, timeSlice, toPageRequest } from '@pedigree/core';
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

const AS_OF =
  'As recorded at this moment: the publisher, license, country override and access of then (model_version), and the country of origin by the ownership of then. Fields that keep no history answer for the present (see each). Not in the future; omit for the present.';

@ArgsType()
class ModelsArgs extends PageArgs {
  @Field(() => ModelFilterInput, { nullable: true, description: 'Filters; all must match.' })
  filter?: ModelFilterInput;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: `${AS_OF} Only models registered by then; filters judge the facts of then (\`placeholder\` and \`search\` judge today's flag and the name).`,
  })
  asOf?: Date;
}

@Resolver(() => ModelType)
export class ModelResolver {
  constructor(private readonly service: ModelService) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => ModelType, { nullable: true, description: 'A model by id or by name (`namespace/name`, case-insensitive). Give one.' })
  model(
    @Args('id', { type: () => ID, nullable: true, description: 'Registry id.' }) id?: string,
    @Args('name', { nullable: true, description: 'E.g. `meta-llama/Llama-3.1-8B`.' }) name?: string,
    @Args('asOf', { type: () => GraphQLISODateTime, nullable: true, description: `${AS_OF} Null when the model was not registered yet.` })
    asOf?: Date | null,
  ) {
    if (!!id === !!name) throw invalidInput('id/name', 'give exactly one of them', 'model(id: "...") or model(name: "...")');
    const at = timeSlice(asOf, null);
    return id ? this.service.findById(id, at) : this.service.findByName(name!, at);
  }

  @Allow(Permission.CATALOG_READ)
  @Query(() => ModelConnection, { description: 'Browse models by country, organization, license or access.' })
  async models(@Args() args: ModelsArgs) {
    const page = toPageRequest('model', args.first, args.after);
    return toConnection('model', await this.service.page(args.filter ?? {}, page, timeSlice(args.asOf, null)));
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => ModelType, { description: 'Register a model with its lineage in one transaction. Idempotent by name.' })
  registerModel(@Args('input', { description: 'What to register or record.' }) input: RegisterModelInput) {
    return this.service.register(input);
  }

  @ResolveField(() => OrganizationType, {
    description: "The publishing organization; with `asOf`, the one recorded then (the organization's own fields answer for the present).",
  })
  publisher(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.organization.load(m.publisherId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Country of origin: the override if set, else the publisher's ultimate parent's country. With `asOf`, by the override, publisher and ownership of then.",
  })
  async country(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return (await originCountry(m.id, ctx.loaders, m.asOf?.origin)).country;
  }

  @ResolveField(() => CountrySource, { description: 'Whether `country` is an explicit override or derived from the publisher (as of `asOf` when given).' })
  async countrySource(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return (await originCountry(m.id, ctx.loaders, m.asOf?.origin)).source;
  }

  @ResolveField(() => EvidenceType, {
    nullable: true,
    description:
      'Support for `country`: the override evidence, or the owning organization’s (as of `asOf` when given; null for an override that has changed since, whose evidence is not kept).',
  })
  async countryEvidence(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return (await countryOfOrigin(m.id, m.countryEvidence, ctx.loaders, m.asOf?.origin)).evidence;
  }

  @ResolveField(() => [CustomLicenseType], {
    description: 'Terms of every custom (`LicenseRef-`) license in `license` (with `asOf`, the license of then; its terms as they are now).',
  })
  async licenseTerms(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    const refs = m.licenseIds.filter((id) => id.startsWith('LicenseRef-'));
    return (await ctx.loaders.customLicense.loadMany(refs)).filter((l) => l && !(l instanceof Error));
  }

  @ResolveField(() => [TrainingRunType], {
    description:
      'Training runs stated for the model as a whole (e.g. by its card), oldest first: where its weights were trained. Present-only: `asOf` does not change it.',
  })
  trainingRuns(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.trainingRunsByModel.load(m.id);
  }

  @ResolveField(() => [CheckpointType], { description: 'Registered checkpoints of this model, oldest first; with `asOf`, those registered by then.' })
  async checkpoints(@Parent() m: ModelRecord, @Context() ctx: CatalogContext) {
    const all = await ctx.loaders.checkpointsByModel.load(m.id);
    const at = m.asOf?.at.recordedAt;
    // Compared as edgeKnownAt compares a retraction: to the millisecond the API shows.
    return at ? all.filter((c) => c.registeredAt <= at) : all;
  }
}
