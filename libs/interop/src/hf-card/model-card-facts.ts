import type { CardAuxiliary, CardTeacher } from './card-teachers';

/** The relations a Hugging Face card may declare in `base_model_relation`. */
export const HF_RELATIONS = ['adapter', 'merge', 'quantized', 'finetune'] as const;
export type HfRelation = (typeof HF_RELATIONS)[number];

export function isHfRelation(value: unknown): value is HfRelation {
  return typeof value === 'string' && (HF_RELATIONS as readonly string[]).includes(value);
}

/**
 * What a model card's metadata says, as written: nothing resolved, mapped or deduplicated yet, so
 * the planner can report what it changed. Cards and Hub API metadata both become this shape and
 * then share one planning path.
 */
export interface ModelCardFacts {
  /** Where the facts were read (e.g. `acme/llama-legal/README.md`), named in every justification. */
  file: string;
  /** `base_model` in card order, repeats kept: a merge may list one parent once per slice. */
  baseModels: string[];
  /** `base_model_relation`, or null when the card does not declare it. */
  baseModelRelation: HfRelation | null;
  /**
   * Parents per relation as the Hub itself resolved them (API metadata only; null for a README).
   * When present it wins over local inference, since it is the Hub's published view of the edge.
   */
  hubParents: Partial<Record<HfRelation, string[]>> | null;
  /** `license`, a Hub license id such as `apache-2.0`, `llama3.1` or `other`. */
  license: string | null;
  /** `license_name`, the short id of a custom license when `license` is `other`. */
  licenseName: string | null;
  /** `license_link`: a URL, or a file in the repository such as `LICENSE`. */
  licenseLink: string | null;
  /** `datasets`, Hub dataset ids in card order. */
  datasets: string[];
  /** `model_name`, else `model-index[0].name`. */
  modelName: string | null;
  pipelineTag: string | null;
  libraryName: string | null;
  /** `distillation_teachers` (a Pedigree key, see card-teachers.ts); absent from Hub API metadata. */
  teachers?: CardTeacher[];
  /** `auxiliary_models` (a Pedigree key): reward models, judges, filters. */
  auxiliaryModels?: CardAuxiliary[];
}

export function emptyFacts(file: string): ModelCardFacts {
  return {
    file,
    baseModels: [],
    baseModelRelation: null,
    hubParents: null,
    license: null,
    licenseName: null,
    licenseLink: null,
    datasets: [],
    modelName: null,
    pipelineTag: null,
    libraryName: null,
  };
}
