// Exposure, impact and portfolio rollups, served through GraphQL.
export { EXPOSURE_RESOLVERS, ExposureModule } from './exposure.module';
