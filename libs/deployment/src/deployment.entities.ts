// The deployment library's table, without Nest: the data source lists it (libs/database/src/entities.ts).
import { DeploymentEntity } from './deployment.entity';

export { DeploymentEntity };
export const DEPLOYMENT_ENTITIES = [DeploymentEntity];
