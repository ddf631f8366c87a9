// What a model, a target or a portfolio depends on: model exposure (model-exposure/), impact of a
// target going away (impact/), portfolio concentration (portfolio/); the pure rollups are in rules/.
export { EXPOSURE_RESOLVERS, ExposureModule } from './exposure.module';
