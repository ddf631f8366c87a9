import { Module } from '@nestjs/common';
import { CustomLicenseRepository } from './custom-license.repository';
import { CustomLicenseResolver } from './custom-license.resolver';
import { CustomLicenseService } from './custom-license.service';

export const LICENSING_RESOLVERS = [CustomLicenseResolver];

@Module({
  providers: [CustomLicenseRepository, CustomLicenseService, ...LICENSING_RESOLVERS],
  exports: [CustomLicenseService, CustomLicenseRepository],
})
export class LicensingModule {}
