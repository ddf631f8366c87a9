import { CreateRegistrySchema1764043200000 } from './1764043200000-CreateRegistrySchema';
import { CreateDeployments1764050400000 } from './1764050400000-CreateDeployments';
import { CreateAccessAndAudit1764057600000 } from './1764057600000-CreateAccessAndAudit';
import { CreateOrganizationSubtree1764061200000 } from './1764061200000-CreateOrganizationSubtree';
import { AddDerivedFromAndLineageChangeFeed1764068400000 } from './1764068400000-AddDerivedFromAndLineageChangeFeed';
import { MaterializeOrganizationRoot1764072000000 } from './1764072000000-MaterializeOrganizationRoot';
import { AddAuditHashVersion1764082800000 } from './1764082800000-AddAuditHashVersion';

/** Listed explicitly, in order, so the compiled app never depends on a filesystem glob. */
export const migrations = [
  CreateRegistrySchema1764043200000,
  CreateDeployments1764050400000,
  CreateAccessAndAudit1764057600000,
  CreateOrganizationSubtree1764061200000,
  AddDerivedFromAndLineageChangeFeed1764068400000,
  MaterializeOrganizationRoot1764072000000,
  AddAuditHashVersion1764082800000,
];
