import { CreateRegistrySchema1764043200000 } from './1764043200000-CreateRegistrySchema';
import { CreateDeployments1764050400000 } from './1764050400000-CreateDeployments';
import { CreateAccessAndAudit1764057600000 } from './1764057600000-CreateAccessAndAudit';
import { CreateOrganizationSubtree1764061200000 } from './1764061200000-CreateOrganizationSubtree';
import { AddDerivedFromAndLineageChangeFeed1764068400000 } from './1764068400000-AddDerivedFromAndLineageChangeFeed';
import { MaterializeOrganizationRoot1764072000000 } from './1764072000000-MaterializeOrganizationRoot';
import { AddDeploymentOwner1764079200000 } from './1764079200000-AddDeploymentOwner';
import { CreateNodeOrigin1764082800000 } from './1764082800000-CreateNodeOrigin';
import { AddPlaceholdersAndNameSearch1764086400000 } from './1764086400000-AddPlaceholdersAndNameSearch';
import { AddAuditHashVersion1764090000000 } from './1764090000000-AddAuditHashVersion';
import { AddAuxiliaryRelation1764094500000 } from './1764094500000-AddAuxiliaryRelation';
import { AddTeacherUseAndAuxiliaryRole1764094600000 } from './1764094600000-AddTeacherUseAndAuxiliaryRole';
import { CreateOwnershipStakes1764093600000 } from './1764093600000-CreateOwnershipStakes';
import { AddModelTrainingRuns1764110000000 } from './1764110000000-AddModelTrainingRuns';
import { AddTasks1764120000000 } from './1764120000000-AddTasks';
import { AddForbidsCompetingModels1764121000000 } from './1764121000000-AddForbidsCompetingModels';
import { CreatePolicies1764130000000 } from './1764130000000-CreatePolicies';
import { AddPolicyReevaluationTriggers1764132000000 } from './1764132000000-AddPolicyReevaluationTriggers';
import { PolicyQueueAtScale1764139000000 } from './1764139000000-PolicyQueueAtScale';
import { QueueOnlyWithPoliciesInForce1764139500000 } from './1764139500000-QueueOnlyWithPoliciesInForce';
import { SubstituteSizeOrder1764139600000 } from './1764139600000-SubstituteSizeOrder';
import { CreateEventOutbox1764140000000 } from './1764140000000-CreateEventOutbox';
import { QueueExposureChanges1764141000000 } from './1764141000000-QueueExposureChanges';
import { CreateModelSignatures1764142100000 } from './1764142100000-CreateModelSignatures';
import { ExposureChangeDeadLetter1764144000000 } from './1764144000000-ExposureChangeDeadLetter';
import { QueuePolicySignatures1764145000000 } from './1764145000000-QueuePolicySignatures';
import { AddDatasetProfile1764146000000 } from './1764146000000-AddDatasetProfile';
import { RecordFactHistory1764150000000 } from './1764150000000-RecordFactHistory';
import { ExposureQueueOnBulkLoads1764151000000 } from './1764151000000-ExposureQueueOnBulkLoads';
import { AddCatalogAsOf1764152000000 } from './1764152000000-AddCatalogAsOf';
import { SignerTrustLifecycle1764160000000 } from './1764160000000-SignerTrustLifecycle';

/** Listed explicitly, in order, so the compiled app never depends on a filesystem glob. */
export const migrations = [
  CreateRegistrySchema1764043200000,
  CreateDeployments1764050400000,
  CreateAccessAndAudit1764057600000,
  CreateOrganizationSubtree1764061200000,
  AddDerivedFromAndLineageChangeFeed1764068400000,
  MaterializeOrganizationRoot1764072000000,
  AddDeploymentOwner1764079200000,
  CreateNodeOrigin1764082800000,
  AddPlaceholdersAndNameSearch1764086400000,
  AddAuditHashVersion1764090000000,
  CreateOwnershipStakes1764093600000,
  AddAuxiliaryRelation1764094500000,
  AddTeacherUseAndAuxiliaryRole1764094600000,
  AddModelTrainingRuns1764110000000,
  AddTasks1764120000000,
  AddForbidsCompetingModels1764121000000,
  CreatePolicies1764130000000,
  AddPolicyReevaluationTriggers1764132000000,
  PolicyQueueAtScale1764139000000,
  QueueOnlyWithPoliciesInForce1764139500000,
  SubstituteSizeOrder1764139600000,
  CreateEventOutbox1764140000000,
  QueueExposureChanges1764141000000,
  CreateModelSignatures1764142100000,
  ExposureChangeDeadLetter1764144000000,
  QueuePolicySignatures1764145000000,
  AddDatasetProfile1764146000000,
  RecordFactHistory1764150000000,
  ExposureQueueOnBulkLoads1764151000000,
  AddCatalogAsOf1764152000000,
  SignerTrustLifecycle1764160000000,
];
