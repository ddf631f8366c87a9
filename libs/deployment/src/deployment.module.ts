import { Module } from '@nestjs/common';
import { CatalogModule } from '@pedigree/catalog';
import { LineageModule } from '@pedigree/lineage';
import { DeploymentRepository } from './deployment.repository';
import { DeploymentResolver } from './deployment.resolver';
import { DeploymentService } from './deployment.service';

export const DEPLOYMENT_RESOLVERS = [DeploymentResolver];

@Module({
  imports: [CatalogModule, LineageModule],
  providers: [DeploymentRepository, DeploymentService, ...DEPLOYMENT_RESOLVERS],
  exports: [DeploymentRepository, DeploymentService],
})
export class DeploymentModule {}
