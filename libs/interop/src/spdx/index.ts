export { toSpdx } from './spdx-writer';
export type { SpdxOptions } from './spdx-writer';
export { validateSpdx } from './spdx-validator';
export type { SpdxObject } from './spdx-elements';
