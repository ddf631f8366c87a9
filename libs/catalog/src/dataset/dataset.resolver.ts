import { Args, ArgsType, Context, Field, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Permission, toPageRequest } from '@pedigree/core';
import { Allow, Connection, toConnection, PageArgs } from '@pedigree/graphql-common';
import { LineageEdgeType } from '@pedigree/lineage';
import { CatalogContext } from '../catalog.loaders';
import { originCountry } from '../origin/country-of-origin';
import { OrganizationType } from '../organization/organization.graphql';
import { DatasetType, RegisterDatasetInput } from './dataset.graphql';
import { DatasetRecord } from './dataset.record';
import { DatasetService } from './dataset.service';

const DatasetConnection = Connection(DatasetType, 'Dataset');

@ArgsType()
class DatasetsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Country of origin. Accepts an ISO 3166-1 code (`DE`, `DEU`) or an English name (`Germany`).' })
  country?: string;

  @Field({ nullable: true, description: 'A license id in the expression.' })
  license?: string;

  @Field({ nullable: true, description: 'Only placeholders (true) or only complete records (false).' })
  placeholder?: boolean;
}

@Resolver(() => DatasetType)
export class DatasetResolver {
  constructor(private readonly service: DatasetService) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => DatasetType, { nullable: true, description: 'A dataset by name (case-insensitive).' })
  dataset(@Args('name', { description: 'E.g. `HuggingFaceH4/ultrachat_200k`.' }) name: string) {
    return this.service.findByName(name);
  }

  @Allow(Permission.CATALOG_READ)
  @Query(() => DatasetConnection, { description: 'Browse datasets by country or license.' })
  async datasets(@Args() args: DatasetsArgs) {
    return toConnection('dataset', await this.service.page(args, toPageRequest('dataset', args.first, args.after)));
  }

  @Allow(Permission.LINEAGE_WRITE)
  @Mutation(() => DatasetType, { description: 'Register a dataset and the models that generated it. Idempotent by name.' })
  registerDataset(@Args('input', { description: 'What to register or record.' }) input: RegisterDatasetInput) {
    return this.service.register(input);
  }

  @ResolveField(() => OrganizationType, { description: 'The publishing organization.' })
  publisher(@Parent() d: DatasetRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.organization.load(d.publisherId);
  }

  @ResolveField(() => String, { nullable: true, description: "Country of origin: the override if set, else the publisher's ultimate parent's country." })
  async country(@Parent() d: DatasetRecord, @Context() ctx: CatalogContext) {
    return (await originCountry(d.id, ctx.loaders)).country;
  }

  @ResolveField(() => [LineageEdgeType], { description: 'GENERATED_BY edges: the models that produced this data, with evidence.' })
  generatedBy(@Parent() d: DatasetRecord, @Context() ctx: CatalogContext) {
    return ctx.loaders.generatorsByDataset.load(d.id);
  }
}
