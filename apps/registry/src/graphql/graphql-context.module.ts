import { Module } from '@nestjs/common';
import { CatalogModule } from '@pedigree/catalog';
import { GraphqlOptionsFactory } from './graphql-options.factory';
import { LoaderFactory } from './loader.factory';

@Module({
  imports: [CatalogModule],
  providers: [LoaderFactory, GraphqlOptionsFactory],
  exports: [LoaderFactory, GraphqlOptionsFactory],
})
export class GraphqlContextModule {}
