export { HF_RELATIONS, isHfRelation } from './model-card-facts';
export type { HfRelation, ModelCardFacts } from './model-card-facts';
export { parseModelCard } from './model-card.parser';
export { hfLicenseToSpdx } from './hf-license';
export type { HfLicenseBasis, HfLicenseMapping } from './hf-license';
export { planModelCards } from './card-plan';
export type { ModelCardInput } from './card-plan';
export { planHfModelTree } from './hf-model-tree';
