export { toCycloneDx, MAX_ANCESTOR_COPIES } from './cyclonedx-writer';
export type { CycloneDxOptions } from './cyclonedx-writer';
export { fromCycloneDx } from './cyclonedx-reader';
export { validateCycloneDx } from './cyclonedx-validator';
export type { BomValidationResult } from './cyclonedx-validator';
export type { CycloneDxBom, CdxComponent, CdxDependency, CdxProperty } from './cyclonedx-bom';
