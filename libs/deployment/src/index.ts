// Deployments: what runs where, served by whom.
export { Criticality, DeploymentEnvironment } from './deployment.record';
export type { DeploymentRecord } from './deployment.record';
export { DeploymentRepository } from './deployment.repository';
export { DeploymentService } from './deployment.service';
export type { DeploymentFilterCommand } from './deployment.service';
export { DeploymentType, RegisterDeploymentInput } from './deployment.graphql';
export { DEPLOYMENT_RESOLVERS, DeploymentModule } from './deployment.module';
