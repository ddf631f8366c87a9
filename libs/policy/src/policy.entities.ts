// The policy library's tables, without Nest: the data source lists them (libs/database/src/entities.ts).
import { PolicyEntity, PolicyVersionEntity } from './policy.entity';
import { PolicyWaiverEntity, PolicyWaiverRevocationEntity } from './policy-waiver.entity';
import { PolicyEvaluationTaskEntity, PolicyReevaluationEntity, PolicyViolationEntity, PolicyViolationEventEntity } from './policy-violation.entity';

export const POLICY_ENTITIES = [
  PolicyEntity,
  PolicyVersionEntity,
  PolicyWaiverEntity,
  PolicyWaiverRevocationEntity,
  PolicyViolationEntity,
  PolicyViolationEventEntity,
  PolicyReevaluationEntity,
  PolicyEvaluationTaskEntity,
];
