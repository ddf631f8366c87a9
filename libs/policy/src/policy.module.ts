import { Global, Module } from '@nestjs/common';
import { CatalogModule } from '@pedigree/catalog';
import { POLICY_GATE } from '@pedigree/core';
import { DeploymentModule } from '@pedigree/deployment';
import { ExposureModule } from '@pedigree/exposure';
import { LineageModule } from '@pedigree/lineage';
import { PlanModule } from '@pedigree/plan';
import { EvaluationQueueRepository } from './evaluation-queue.repository';
import { PolicyCheckService } from './policy-check.service';
import { PolicyEvaluator } from './policy-evaluator.service';
import { PolicyGateService } from './policy-gate.service';
import { PolicyPackService } from './policy-pack.service';
import { PolicyRepository } from './policy.repository';
import { PolicyResolver } from './policy.resolver';
import { PolicyService } from './policy.service';
import { ReevaluationWorker } from './reevaluation.worker';
import { SubjectEvidenceLoader } from './subject-evidence.loader';
import {
  CheckpointViolationsResolver,
  DatasetViolationsResolver,
  DeploymentViolationsResolver,
  ModelViolationsResolver,
  ViolationResolver,
} from './violation.resolver';
import { ViolationRepository } from './violation.repository';
import { WaiverRepository } from './waiver.repository';
import { WaiverResolver } from './waiver.resolver';
import { WaiverService } from './waiver.service';

export const POLICY_RESOLVERS = [
  PolicyResolver,
  WaiverResolver,
  ViolationResolver,
  ModelViolationsResolver,
  CheckpointViolationsResolver,
  DatasetViolationsResolver,
  DeploymentViolationsResolver,
];

/** Global so the registrations of other libs find the gate (POLICY_GATE) without importing this lib. */
@Global()
@Module({
  imports: [CatalogModule, DeploymentModule, LineageModule, ExposureModule, PlanModule],
  providers: [
    PolicyRepository,
    WaiverRepository,
    ViolationRepository,
    EvaluationQueueRepository,
    SubjectEvidenceLoader,
    PolicyEvaluator,
    PolicyGateService,
    { provide: POLICY_GATE, useExisting: PolicyGateService },
    PolicyService,
    PolicyPackService,
    WaiverService,
    PolicyCheckService,
    ReevaluationWorker,
    ...POLICY_RESOLVERS,
  ],
  exports: [POLICY_GATE, ReevaluationWorker],
})
export class PolicyModule {}
