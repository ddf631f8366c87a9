/** Marks every field the registry cannot know. A person completes it; Pedigree never fills it in. */
export const TO_BE_COMPLETED = 'TO BE COMPLETED BY THE PROVIDER';

/** The template the summary follows; docs/eu-training-summary.md says what was checked against it. */
export const EU_TEMPLATE = {
  title: 'Explanatory Notice and Template for the Public Summary of Training Content for general-purpose AI models',
  publisher: 'European Commission (AI Office)',
  published: '2025-07-24',
  legalBasis: 'Article 53(1)(d) of Regulation (EU) 2024/1689 (AI Act)',
  source: 'https://digital-strategy.ec.europa.eu/en/library/explanatory-notice-and-template-public-summary-training-content-general-purpose-ai-models',
  announcement: 'https://digital-strategy.ec.europa.eu/en/news/commission-presents-template-general-purpose-ai-model-providers-summarise-data-used-train-their',
} as const;

/** PREFILLED: from the registry. PARTIAL: part from the registry, the rest for the provider. */
export type EuFieldStatus = 'PREFILLED' | 'PARTIAL' | 'TO_BE_COMPLETED';

export interface EuItem {
  text: string;
  /** The document the registry's claim rests on, when it names one. */
  documentRef: string | null;
  details?: string[];
}

export interface EuField {
  /** The template's wording of the field. */
  label: string;
  status: EuFieldStatus;
  value: string;
  items: EuItem[];
  note?: string;
}

export interface EuSection {
  number: string;
  title: string;
  fields: EuField[];
  sections: EuSection[];
}

export interface EuTrainingSummary {
  template: typeof EU_TEMPLATE;
  model: string;
  /** The fields above section 1: the summary's version and last update. */
  document: EuField[];
  sections: EuSection[];
}
