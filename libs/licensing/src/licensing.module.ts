import { Module } from '@nestjs/common';
import { CustomLicenseRepository } from './custom-license.repository';
import { CustomLicenseResolver } from './custom-license.resolver';
import { CustomLicenseService } from './custom-license.service';

@Module({
  providers: [CustomLicenseRepository, CustomLicenseService, CustomLicenseResolver],
  exports: [CustomLicenseService, CustomLicenseRepository],
})
export class LicensingModule {}
