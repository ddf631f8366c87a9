// Whole registrations (a card, a BOM, an import batch) applied in one transaction, with a per-item report.
export { PLAN_RESOLVERS, PlanModule } from './plan.module';
export { PlanService } from './plan.service';
export { ApplyPlanInput, PlanReportType } from './plan.graphql';
export type { PlanCommand, PlanReport } from './plan-item';
