import { EuDataset, EuDatasetKind, EuGenerator, EuSummaryInput } from './eu-summary.input';
import {
  askedField,
  datasetItem,
  generatorText,
  MODALITIES_CONCERNED,
  modalityField,
  optional,
  organization,
  partial,
  prefilled,
  section,
  sizeField,
  support,
  todo,
} from './eu-summary.fields';
import { EU_TEMPLATE, EuField, EuItem, EuTrainingSummary, TO_BE_COMPLETED } from './eu-summary.model';

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
 * every other field marked TO BE COMPLETED BY THE PROVIDER. Pure: section numbers, titles and
 * field labels follow the template (docs/eu-training-summary.md says how they were checked).
 * Datasets count by their recorded source type; one without a type that models generated is
 * listed as synthetic (2.5), and one with neither is listed for the provider to classify.
 */
export function buildEuTrainingSummary(input: EuSummaryInput): EuTrainingSummary {
  const placed = new Map<string, EuDataset[]>();
  const unclassified: EuDataset[] = [];
  for (const d of input.datasets) {
    const kind = d.kind ?? (d.generatedBy.length ? 'SYNTHETIC' : null);
    if (!kind) unclassified.push(d);
    else placed.set(WHERE_FROM[kind], [...(placed.get(WHERE_FROM[kind]) ?? []), d]);
  }
  const at = (n: string) => placed.get(n) ?? [];

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
        optional(),
      ]),
    ],
  );

  const crawled = at('2.3');
  const synthetic = at('2.5');
  const sources = section(
    '2',
    'List of data sources',
    unclassified.length
      ? [
          {
            ...todo('Datasets without a recorded source type'),
            items: unclassified.map((d) => datasetItem(d)),
            note: 'Not a template field: the registry records training on these datasets but not what kind of source each is. Place each in 2.1 to 2.6.',
          },
        ]
      : [],
    [
      section('2.1', 'Publicly available datasets', [
        { ...askedField('Have you used publicly available datasets to train the model?', at('2.1')), items: [] },
        modalityField(MODALITIES_CONCERNED, at('2.1')),
        listField('List of large publicly available datasets', at('2.1')),
        todo('General description of other publicly available datasets not listed above'),
        optional(),
      ]),
      section(
        '2.2',
        'Private non-publicly available datasets obtained from third parties',
        [],
        [
          section('2.2.1', 'Datasets commercially licensed by rightsholders or their representatives', [
            askedField(
              'Have you concluded transactional commercial licensing agreement(s) with rightholder(s) or with their representatives?',
              at('2.2.1'),
              () => [],
              'The template asks whether, not which: the datasets the registry records as licensed are listed for the provider to review, not to publish.',
            ),
            modalityField(MODALITIES_CONCERNED, at('2.2.1')),
          ]),
          section('2.2.2', 'Private datasets obtained from other third parties', [
            todo(
              'Have you obtained private datasets from third parties that are not licensed as described in Section 2.2.1., such as data obtained from providers of private databases, or data intermediaries?',
            ),
            todo(MODALITIES_CONCERNED),
            todo('If publicly known, list private datasets obtained from other third parties'),
            todo('General description of non-publicly known private datasets obtained from third parties'),
            optional(),
          ]),
        ],
      ),
      section('2.3', 'Data crawled and scraped from online sources', [
        askedField(
          'Were crawlers used by the provider or on behalf of?',
          crawled,
          () => [],
          'The registry records crawled datasets the model was trained on, not who crawled them.',
        ),
        todo('If yes, specify crawler name(s)/identifier(s)'),
        todo('Purposes of the crawler(s)'),
        todo('General description of crawler behaviour'),
        todo('Period of data collection'),
        todo('Comprehensive description of the type of content and online sources crawled'),
        modalityField('Type of modality covered', crawled),
        domainsField(crawled),
        optional(),
      ]),
      section('2.4', 'User data', [
        askedField(
          'Was data from user interactions with the AI model (e.g. user input and prompts) used to train the model?',
          at('2.4'),
          () => [],
          'The registry records user-data datasets, not which interactions they come from; answer this and the next question accordingly.',
        ),
        todo("Was data collected from user interactions with the provider's other services or products used to train the model?"),
        todo("If yes, provide a general description of the provider's services or products that were used to collect the user data"),
        modalityField('Type of modality covered', at('2.4')),
        optional(),
      ]),
      section('2.5', 'Synthetic AI-generated data', [
        askedField(
          'Was synthetic AI-generated data created by the provider or on their behalf to train the model?',
          synthetic,
          () => [],
          'The registry records the synthetic datasets the model was trained on and the models that generated them, not who generated them: a synthetic dataset a third party published may belong under 2.1 instead.',
        ),
        modalityField('If yes, modality of the synthetic data', synthetic),
        generatorsField(input.datasets, input.teachers),
        todo(
          "Information about other AI models, including provider's own AI model(s) not available on the market, used to generate synthetic data to train the model to which this Summary applies",
        ),
        optional(),
      ]),
      section('2.6', 'Other sources of data', [
        { ...askedField('Have data sources other than those described in Sections 2.1 to 2.5. been used to train the model?', at('2.6')), items: [] },
        listField('If yes, provide a narrative description of these data sources and the data', at('2.6')),
        optional('Additional comments (optional), for other sources of data'),
      ]),
    ],
  );

  const processing = section(
    '3',
    'Data processing aspects',
    [],
    [
      section('3.1', 'Respect of reservation of rights from text and data mining exception or limitation', [
        todo(
          'Are you a Signatory to the Code of Practice for general-purpose AI models that includes commitments to respect reservations of rights from the TDM exception or limitation?',
        ),
        todo(
          'Describe the measures implemented before model training to respect reservations of rights from the TDM exception or limitation before and during data collection, including the opt-out protocols and solutions honoured by the provider or, as applicable, by third parties from which datasets have been obtained',
        ),
        optional(),
      ]),
      section('3.2', 'Removal of illegal content', [todo('General description of measures taken')]),
      section('3.3', 'Other information (optional)', [optional('Other relevant information about data processing (optional)')]),
    ],
  );
  return {
    template: EU_TEMPLATE,
    model: input.model.name,
    document: [todo('Version of the Summary'), todo('Last update')],
    sections: [general, sources, processing],
  };
}

/** A list the template asks for: the recorded datasets, or the provider's. */
function listField(label: string, datasets: EuDataset[]): EuField {
  if (!datasets.length) return todo(label, 'The registry records none; list any that was used.');
  // Partial: whether each is "large", and the narrative the template asks for, are the provider's to judge.
  return {
    ...partial(label, `${datasets.length} recorded in the registry`, 'The datasets the registry records; complete the list and the description.'),
    items: datasets.map((d) => datasetItem(d)),
  };
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

/** The models behind model-made data: recorded generators of any dataset trained on, and teachers distilled from. */
function generatorsField(datasets: EuDataset[], teachers: EuGenerator[]): EuField {
  const label = 'If yes, specify the general-purpose AI model(s) used to generate the synthetic data if available on the market';
  const byModel = new Map<string, { g: EuGenerator; uses: string[] }>();
  const use = (g: EuGenerator, what: string) => {
    const entry = byModel.get(g.model) ?? { g, uses: [] };
    entry.uses.push(`${what} (${support(g.evidence)})`);
    byModel.set(g.model, entry);
  };
  for (const d of datasets)
    for (const g of d.generatedBy) use(g, `Recorded as generating (or labelling) ${d.name}${g.teacherSnapshot ? `, snapshot ${g.teacherSnapshot}` : ''}`);
  for (const t of teachers) use(t, `Teacher of this model (DISTILLATION)${t.teacherSnapshot ? `, snapshot ${t.teacherSnapshot}` : ''}`);
  if (!byModel.size)
    return todo(label, 'The registry records no generating model for any dataset this model was trained on, nor a teacher; confirm there is none.');
  const items: EuItem[] = [...byModel.values()].map(({ g, uses }) => ({
    text: generatorText({ ...g, teacherSnapshot: null }),
    documentRef: g.evidence.documentRef,
    details: [...uses, `Available on the market, and a link to its summary: ${TO_BE_COMPLETED}`],
  }));
  return {
    ...partial(
      label,
      [...byModel.keys()].join(', '),
      'Only the generators recorded in the registry; others may have been used. Whether each is available on the market, and a link to its summary, are not in the registry.',
    ),
    items,
  };
}

/** The template asks for the most relevant domains across all crawled data; the registry knows them per dataset. */
function domainsField(crawled: EuDataset[]): EuField {
  const label = 'Summary of the most relevant domain names crawled';
  const known = crawled.filter((d) => d.topDomains.length);
  if (!known.length) return todo(label);
  return {
    ...partial(
      label,
      'Per crawled dataset, below',
      'The template sets how many domains to list, measured over all crawled data; these are the recorded top domains of each dataset.',
    ),
    items: known.map((d) => ({
      text: `${d.name}: ${d.topDomains.join(', ')}`,
      documentRef: d.profileEvidence?.documentRef ?? null,
      details: d.profileEvidence ? [support(d.profileEvidence)] : [],
    })),
  };
}
