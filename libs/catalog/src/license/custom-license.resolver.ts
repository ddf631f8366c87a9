import { Permission } from '@pedigree/core';
import { Allow } from '@pedigree/graphql-common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CustomLicenseType, RegisterLicenseInput } from './custom-license.graphql';
import { CustomLicenseService } from './custom-license.service';

@Resolver(() => CustomLicenseType)
export class CustomLicenseResolver {
  constructor(private readonly service: CustomLicenseService) {}

  @Allow(Permission.CATALOG_READ)
  @Query(() => [CustomLicenseType], { description: 'All registered custom licenses.' })
  customLicenses() {
    return this.service.all();
  }

  @Allow(Permission.CATALOG_READ)
  @Query(() => CustomLicenseType, { nullable: true, description: 'A custom license by its `LicenseRef-` key.' })
  async customLicense(@Args('key', { description: 'E.g. `LicenseRef-llama3.1`.' }) key: string) {
    return (await this.service.byKeys([key]))[0] ?? null;
  }

  @Allow(Permission.REFERENCE_WRITE)
  @Mutation(() => CustomLicenseType, { description: 'Register a custom license. Idempotent by key; different values are a CONFLICT.' })
  registerLicense(@Args('input', { description: 'What to register or record.' }) input: RegisterLicenseInput) {
    return this.service.register(input);
  }
}
