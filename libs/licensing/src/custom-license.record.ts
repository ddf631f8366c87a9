import { Evidence } from '@pedigree/core';

/** Terms of a license that has no SPDX id (Llama, Gemma, Qwen community licenses ...). */
export interface CustomLicenseRecord {
  key: string;
  name: string;
  url: string | null;
  commercialUse: boolean;
  nonCommercial: boolean;
  attributionRequired: boolean;
  attributionText: string | null;
  namingRequirement: string | null;
  useRestrictions: string[];
  /** The terms forbid using the model or its output to develop models that compete with the licensor. */
  forbidsCompetingModels: boolean;
  userThreshold: number | null;
  evidence: Evidence;
}
