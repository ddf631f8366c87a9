// Whole registrations (a card, a BOM, an import batch) applied in one transaction, with a per-item report.
export { PLAN_RESOLVERS, PlanModule } from './plan.module';
