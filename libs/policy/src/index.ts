// Policies over a subject's transitive lineage: conditions (CEL), registration gates, waivers,
// violations kept current by a background worker, and shipped policy packs.
export { POLICY_RESOLVERS, PolicyModule } from './policy.module';
export { ReevaluationWorker } from './reevaluation.worker';
