export { toCycloneDx, MAX_ANCESTOR_COPIES } from './cyclonedx-writer';
export type { CycloneDxOptions } from './cyclonedx-writer';
export { fromCycloneDx } from './cyclonedx-reader';
export { validateCycloneDx } from './cyclonedx-validator';
export type { BomValidationResult } from './cyclonedx-validator';
export type { CycloneDxBom, CdxCitation, CdxComponent, CdxDependency, CdxProperty, CdxSpecVersion } from './cyclonedx-bom';
export { SPEC_VERSIONS as CYCLONEDX_SPEC_VERSIONS } from './cyclonedx-bom';
