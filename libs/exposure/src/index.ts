// What a model, a target or a portfolio depends on: model exposure (model-exposure/), impact of a
// target going away (impact/), portfolio concentration (portfolio/), `exposure.changed` events after
// upstream edges change (exposure-events/); the pure rollups are in rules/.
export { EXPOSURE_RESOLVERS, ExposureModule } from './exposure.module';
export { SubjectExposureLoader } from './model-exposure/subject-exposure.loader';
export type { SubjectExposure } from './model-exposure/subject-exposure.loader';
export { ImpactService } from './impact/impact.service';
