import { SIZE_RANGE_LABEL, DatasetSizeRange } from '@pedigree/core';
import { EuDataset, EuDatasetKind, EuEvidenceRef, EuGenerator, EuOrganization, EuSummaryInput } from './eu-summary.input';

/** Marks every field the registry cannot know. A person completes it; Pedigree never fills it in. */
export const TO_BE_COMPLETED = 'TO BE COMPLETED BY THE PROVIDER';

export const EU_TEMPLATE = {
  title: 'Template for the Public Summary of Training Content for general-purpose AI models',
  publisher: 'European Commission (AI Office)',
  published: '2025-07-24',
  legalBasis: 'Article 53(1)(d) of Regulation (EU) 2024/1689 (AI Act)',
  source: 'https://digital-strategy.ec.europa.eu/en/news/commission-presents-template-general-purpose-ai-model-providers-summarise-data-used-train-their',
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
  sections: EuSection[];
}

const WHERE_FROM: Record<EuDatasetKind, string> = {
  PUBLIC: '2.1',
  LICENSED: '2.2.1',
  CRAWLED: '2.3',
  USER: '2.4',
  SYNTHETIC: '2.5',
  OTHER: '2.6',
};

/**
 * The EU training-content summary of one model, pre-filled with what the registry knows and
 * every other field marked TO BE COMPLETED BY THE PROVIDER. Pure: section numbers and field labels
 * follow the template (docs/eu-training-summary.md). Datasets count by their recorded kind; one
 * without a kind that models generated is listed as synthetic (2.5), and one with neither is
 * listed for the provider to classify.
 */
export function buildEuTrainingSummary(input: EuSummaryInput): EuTrainingSummary {
  const placed = new Map<string, EuDataset[]>();
  const unclassified: EuDataset[] = [];
  for (const d of input.datasets) {
    const kind = d.kind ?? (d.generatedBy.length ? 'SYNTHETIC' : null);
    if (!kind) unclassified.push(d);
    else placed.set(WHERE_FROM[kind], [...(placed.get(WHERE_FROM[kind]) ?? []), d]);
  }
  const list = (at: string) => placed.get(at) ?? [];
  const sourceList = (label: string, at: string, extra: (d: EuDataset) => string[] = () => []) =>
    datasetField(
      label,
      list(at).map((d) => datasetItem(d, extra(d))),
    );

  const general = section(
    '1',
    'General information',
    [],
    [
      section('1.1', 'Provider identification', [
        input.model.publisher
          ? partial('Provider name and contact details', organization(input.model.publisher), 'Contact details are not in the registry.')
          : todo('Provider name and contact details'),
        todo('Authorised representative name and contact details', 'Only for providers established outside the Union.'),
      ]),
      section('1.2', 'Model identification', [
        prefilled('Versioned model name(s)', input.model.name),
        dependenciesField(input),
        todo(
          'Date of placement of the model on the Union market',
          input.model.releaseDate
            ? `The registry records the release date ${input.model.releaseDate}, which is not necessarily the date of placement on the Union market.`
            : undefined,
        ),
      ]),
      section('1.3', 'Modalities, overall training data size and other characteristics', [
        input.model.modality
          ? partial('Modality', input.model.modality, "The model's registered modality; confirm the modalities of the training data.")
          : todo('Modality'),
        sizeField(input.datasets),
        todo('Types of content'),
        todo('Latest date of data acquisition/collection for model training'),
        todo('Description of the linguistic characteristics of the overall training data'),
        todo('Other relevant characteristics of the overall training data'),
      ]),
    ],
  );

  const sources = section(
    '2',
    'List of data sources',
    unclassified.length
      ? [
          {
            ...todo('Datasets without a recorded source type'),
            items: unclassified.map((d) => datasetItem(d)),
            note: 'The registry records training on these datasets but not what kind of source each is: place each in 2.1 to 2.6.',
          },
        ]
      : [],
    [
      section('2.1', 'Publicly available datasets', [sourceList('List of large publicly available datasets', '2.1', generators)]),
      section(
        '2.2',
        'Private non-publicly available datasets obtained from third parties',
        [],
        [
          section('2.2.1', 'Datasets commercially licensed by rightsholders or their representatives', [sourceList('Datasets', '2.2.1')]),
          section('2.2.2', 'Private datasets obtained from other third parties', [todo('Datasets')]),
        ],
      ),
      section('2.3', 'Data crawled and scraped from online sources', [
        sourceList('Crawled datasets', '2.3', (d) => (d.topDomains.length ? [`Top domains: ${d.topDomains.join(', ')}`] : [`Top domains: ${TO_BE_COMPLETED}`])),
        todo('Crawler name(s)/identifier(s)'),
        todo('Purposes of the crawler(s)'),
        todo('General description of crawler behaviour'),
        todo('Period of data collection'),
        todo('Comprehensive description of the type of content and online sources crawled'),
      ]),
      section('2.4', 'User data', [sourceList('User data', '2.4')]),
      section('2.5', 'Synthetic AI-generated data', [
        sourceList('Synthetic datasets, with the models that generated them', '2.5', generators),
        teachersField(input.teachers),
      ]),
      section('2.6', 'Other sources of data', [sourceList('Other sources', '2.6')]),
    ],
  );

  const processing = section(
    '3',
    'Data processing aspects',
    [],
    [
      section('3.1', 'Respect of reservation of rights from text and data mining exception or limitation', [todo('Measures implemented')]),
      section('3.2', 'Removal of illegal content', [todo('Measures implemented')]),
      section('3.3', 'Other information (optional)', [todo('Other information', 'Optional.')]),
    ],
  );
  return { template: EU_TEMPLATE, model: input.model.name, sections: [general, sources, processing] };
}

function dependenciesField(input: EuSummaryInput): EuField {
  if (!input.dependencies.length) return todo('Model dependencies', 'The registry records no model this one was built from; confirm there is none.');
  return {
    ...partial('Model dependencies', input.dependencies.map((d) => d.name).join(', '), 'Link to the summary of each model: not in the registry.'),
    items: input.dependencies.map((d) => ({
      text: `${d.name} (${d.relation})${d.publisher ? `, by ${organization(d.publisher)}` : ''}`,
      documentRef: d.evidence.documentRef,
      details: [support(d.evidence), `Link to its public summary: ${TO_BE_COMPLETED}`],
    })),
  };
}

function teachersField(teachers: EuGenerator[]): EuField {
  if (!teachers.length) return todo('Models whose outputs trained this model (distillation)', 'The registry records none; confirm there is none.');
  return {
    ...prefilled('Models whose outputs trained this model (distillation)', teachers.map((t) => t.model).join(', ')),
    items: teachers.map((t) => ({ text: generatorText(t), documentRef: t.evidence.documentRef, details: [support(t.evidence)] })),
  };
}

function sizeField(datasets: EuDataset[]): EuField {
  const known = datasets.filter((d) => d.sizeRange);
  return {
    ...todo('Training data size', 'Per-dataset ranges the registry records are listed; the total across all training stages is for the provider to state.'),
    items: known.map((d) => ({ text: `${d.name}: ${SIZE_RANGE_LABEL[d.sizeRange as DatasetSizeRange] ?? d.sizeRange}`, documentRef: null })),
  };
}

function datasetField(label: string, items: EuItem[]): EuField {
  if (!items.length) return todo(label, 'The registry records none; state whether any was used.');
  return { ...prefilled(label, `Yes: ${items.length} recorded`), items };
}

function datasetItem(d: EuDataset, extra: string[] = []): EuItem {
  return {
    text: d.name,
    documentRef: d.evidence.documentRef,
    details: [
      `Publisher: ${d.publisher ? organization(d.publisher) : TO_BE_COMPLETED}`,
      `License: ${d.license ?? TO_BE_COMPLETED}`,
      ...(d.kind ? [] : d.generatedBy.length ? ['Source type not recorded; listed as synthetic because models generated it'] : []),
      ...extra,
      support(d.evidence),
    ],
  };
}

function generators(d: EuDataset): string[] {
  return d.generatedBy.map((g) => `Generated by: ${generatorText(g)} (${support(g.evidence)})`);
}

function generatorText(g: EuGenerator): string {
  return `${g.model}${g.teacherSnapshot ? `, snapshot ${g.teacherSnapshot}` : ''}${g.publisher ? `, by ${organization(g.publisher)}` : ''}`;
}

function support(e: EuEvidenceRef): string {
  return `evidence: ${e.origin}, confidence ${e.confidence}${e.documentRef ? `, ${e.documentRef}` : ''}`;
}

function organization(o: EuOrganization): string {
  return o.country ? `${o.name} (${o.country})` : o.name;
}

function section(number: string, title: string, fields: EuField[], sections: EuSection[] = []): EuSection {
  return { number, title, fields, sections };
}

function prefilled(label: string, value: string): EuField {
  return { label, status: 'PREFILLED', value, items: [] };
}

function partial(label: string, value: string, note: string): EuField {
  return { label, status: 'PARTIAL', value, items: [], note: `${note} ${TO_BE_COMPLETED}.` };
}

function todo(label: string, note?: string): EuField {
  return { label, status: 'TO_BE_COMPLETED', value: TO_BE_COMPLETED, items: [], ...(note ? { note } : {}) };
}
