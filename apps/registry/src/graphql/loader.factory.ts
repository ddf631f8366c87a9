import { Injectable } from '@nestjs/common';
import { CatalogLoaderFactory, CatalogLoaders } from '@pedigree/catalog';

export type Loaders = CatalogLoaders;

/** Builds the per-request loader set placed on the GraphQL context. */
@Injectable()
export class LoaderFactory {
  constructor(private readonly catalog: CatalogLoaderFactory) {}

  create(): Loaders {
    return this.catalog.create();
  }
}
