// Policies over a subject's transitive lineage: conditions (CEL), registration gates, waivers,
// violations kept current by a background worker, and shipped policy packs.
export { POLICY_RESOLVERS, PolicyModule } from './policy.module';
export { ReevaluationWorker } from './reevaluation.worker';
export { compileCondition } from './policy-condition';
export type { CompiledCondition } from './policy-condition';
export { celActivation } from './cel-activation';
