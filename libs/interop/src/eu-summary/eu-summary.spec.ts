import { buildEuTrainingSummary } from './eu-summary';
import { EuDataset, EuSummaryInput } from './eu-summary.input';
import { euSummaryMarkdown } from './eu-summary.markdown';
import { EuField, EuSection, EuTrainingSummary, TO_BE_COMPLETED } from './eu-summary.model';

const HF = { slug: 'hugging-face', name: 'Hugging Face, Inc.', country: 'US' };
const OPENAI = { slug: 'openai', name: 'OpenAI', country: 'US' };
const card = (url: string) => ({ origin: 'MODEL_CARD', documentRef: url, confidence: 0.97 });

function dataset(name: string, facts: Partial<EuDataset> = {}): EuDataset {
  return {
    name,
    publisher: HF,
    license: 'MIT',
    description: null,
    kind: null,
    sizeRange: null,
    topDomains: [],
    profileEvidence: facts.kind || facts.sizeRange ? card(`https://huggingface.co/datasets/${name}`) : null,
    generatedBy: [],
    evidence: card(`https://huggingface.co/${name}`),
    ...facts,
  };
}

function zephyr(datasets: EuDataset[] = []): EuSummaryInput {
  return {
    model: { name: 'HuggingFaceH4/zephyr-7b-beta', publisher: HF, modality: 'text', releaseDate: null },
    dependencies: [
      {
        name: 'mistralai/Mistral-7B-v0.1',
        relation: 'FINETUNE',
        publisher: { slug: 'mistral-ai', name: 'Mistral AI SAS', country: 'FR' },
        evidence: card('https://huggingface.co/HuggingFaceH4/zephyr-7b-beta'),
      },
    ],
    teachers: [],
    datasets,
  };
}

const allSections = (ss: EuSection[]): EuSection[] => ss.flatMap((s) => [s, ...allSections(s.sections)]);

function sectionAt(summary: EuTrainingSummary, number: string): EuSection {
  const found = allSections(summary.sections).find((s) => s.number === number);
  if (!found) throw new Error(`no section ${number}`);
  return found;
}

const field = (s: EuSection, label: string): EuField => {
  const found = s.fields.find((f) => f.label.startsWith(label));
  if (!found) throw new Error(`no field "${label}" in ${s.number}`);
  return found;
};

/**
 * The template's section titles and field labels, as checked against it (docs/eu-training-summary.md).
 * A label changed in the builder must be changed here too, deliberately.
 */
const TEMPLATE: Record<string, [string, string[]]> = {
  '1': ['General information', []],
  '1.1': ['Provider identification', ['Provider name and contact details', 'Authorised representative name and contact details']],
  '1.2': ['Model identification', ['Versioned model name(s)', 'Model dependencies', 'Date of placement of the model on the Union market']],
  '1.3': [
    'Modalities, overall training data size and other characteristics',
    [
      'Modality',
      'Training data size',
      'Types of content',
      'Latest date of data acquisition/collection for model training',
      'Description of the linguistic characteristics of the overall training data',
      'Other relevant characteristics of the overall training data',
      'Additional comments (optional)',
    ],
  ],
  '2': ['List of data sources', []],
  '2.1': [
    'Publicly available datasets',
    [
      'Have you used publicly available datasets to train the model?',
      'If yes, specify the modality(ies) of the content covered by the datasets concerned',
      'List of large publicly available datasets',
      'General description of other publicly available datasets not listed above',
      'Additional comments (optional)',
    ],
  ],
  '2.2': ['Private non-publicly available datasets obtained from third parties', []],
  '2.2.1': [
    'Datasets commercially licensed by rightsholders or their representatives',
    [
      'Have you concluded transactional commercial licensing agreement(s) with rightholder(s) or with their representatives?',
      'If yes, specify the modality(ies) of the content covered by the datasets concerned',
    ],
  ],
  '2.2.2': [
    'Private datasets obtained from other third parties',
    [
      'Have you obtained private datasets from third parties that are not licensed as described in Section 2.2.1., such as data obtained from providers of private databases, or data intermediaries?',
      'If yes, specify the modality(ies) of the content covered by the datasets concerned',
      'If publicly known, list private datasets obtained from other third parties',
      'General description of non-publicly known private datasets obtained from third parties',
      'Additional comments (optional)',
    ],
  ],
  '2.3': [
    'Data crawled and scraped from online sources',
    [
      'Were crawlers used by the provider or on behalf of?',
      'If yes, specify crawler name(s)/identifier(s)',
      'Purposes of the crawler(s)',
      'General description of crawler behaviour',
      'Period of data collection',
      'Comprehensive description of the type of content and online sources crawled',
      'Type of modality covered',
      'Summary of the most relevant domain names crawled',
      'Additional comments (optional)',
    ],
  ],
  '2.4': [
    'User data',
    [
      'Was data from user interactions with the AI model (e.g. user input and prompts) used to train the model?',
      "Was data collected from user interactions with the provider's other services or products used to train the model?",
      "If yes, provide a general description of the provider's services or products that were used to collect the user data",
      'Type of modality covered',
      'Additional comments (optional)',
    ],
  ],
  '2.5': [
    'Synthetic AI-generated data',
    [
      'Was synthetic AI-generated data created by the provider or on their behalf to train the model?',
      'If yes, modality of the synthetic data',
      'If yes, specify the general-purpose AI model(s) used to generate the synthetic data if available on the market',
      "Information about other AI models, including provider's own AI model(s) not available on the market, used to generate synthetic data to train the model to which this Summary applies",
      'Additional comments (optional)',
    ],
  ],
  '2.6': [
    'Other sources of data',
    [
      'Have data sources other than those described in Sections 2.1 to 2.5. been used to train the model?',
      'If yes, provide a narrative description of these data sources and the data',
      'Additional comments (optional), for other sources of data',
    ],
  ],
  '3': ['Data processing aspects', []],
  '3.1': [
    'Respect of reservation of rights from text and data mining exception or limitation',
    [
      'Are you a Signatory to the Code of Practice for general-purpose AI models that includes commitments to respect reservations of rights from the TDM exception or limitation?',
      'Describe the measures implemented before model training to respect reservations of rights from the TDM exception or limitation before and during data collection, including the opt-out protocols and solutions honoured by the provider or, as applicable, by third parties from which datasets have been obtained',
      'Additional comments (optional)',
    ],
  ],
  '3.2': ['Removal of illegal content', ['General description of measures taken']],
  '3.3': ['Other information (optional)', ['Other relevant information about data processing (optional)']],
};

describe('buildEuTrainingSummary', () => {
  const gpt35 = {
    model: 'openai/gpt-3.5-turbo',
    publisher: OPENAI,
    teacherSnapshot: null,
    evidence: { origin: 'THIRD_PARTY_REPORT', documentRef: 'https://github.com/thunlp/UltraChat', confidence: 0.85 },
  };
  const gpt4 = { ...gpt35, model: 'openai/gpt-4', teacherSnapshot: 'gpt-4-0613' };

  it('has exactly the template’s sections, titles and field labels, in its order, after its version and last-update fields', () => {
    const summary = buildEuTrainingSummary(zephyr([dataset('acme/unknown')]));
    const shape = Object.fromEntries(
      allSections(summary.sections).map((s) => [
        s.number,
        [s.title, s.fields.map((f) => f.label).filter((l) => l !== 'Datasets without a recorded source type')],
      ]),
    );
    expect(shape).toEqual(TEMPLATE);
    expect(summary.document.map((f) => f.label)).toEqual(['Version of the Summary', 'Last update']);
    expect(summary.template.source).toMatch(/^https:\/\/digital-strategy\.ec\.europa\.eu\/en\/library\//);
  });

  it('pre-fills the provider, the model name and its base model with the evidence behind it', () => {
    const summary = buildEuTrainingSummary(zephyr());
    expect(field(sectionAt(summary, '1.2'), 'Versioned model name(s)')).toMatchObject({ status: 'PREFILLED', value: 'HuggingFaceH4/zephyr-7b-beta' });
    const deps = field(sectionAt(summary, '1.2'), 'Model dependencies');
    expect(deps).toMatchObject({ status: 'PARTIAL', value: 'mistralai/Mistral-7B-v0.1' });
    expect(deps.items[0]).toMatchObject({
      text: 'mistralai/Mistral-7B-v0.1 (FINETUNE), by Mistral AI SAS (FR)',
      documentRef: 'https://huggingface.co/HuggingFaceH4/zephyr-7b-beta',
    });
    expect(field(sectionAt(summary, '1.1'), 'Provider name and contact details')).toMatchObject({ status: 'PARTIAL', value: 'Hugging Face, Inc. (US)' });
  });

  it('lists synthetic datasets with the models that generated them, and each generating model with what it generated', () => {
    const summary = buildEuTrainingSummary({
      ...zephyr([
        dataset('HuggingFaceH4/ultrachat_200k', { kind: 'SYNTHETIC', generatedBy: [gpt35] }),
        dataset('HuggingFaceH4/ultrafeedback_binarized', { generatedBy: [gpt4] }),
      ]),
      teachers: [gpt4],
    });
    const s = sectionAt(summary, '2.5');
    const synthetic = field(s, 'Was synthetic AI-generated data created');
    expect(synthetic.status).toBe('PARTIAL');
    expect(synthetic.items.map((i) => i.text)).toEqual(['HuggingFaceH4/ultrachat_200k', 'HuggingFaceH4/ultrafeedback_binarized']);
    expect(synthetic.items[0].details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Generated by: openai\/gpt-3\.5-turbo, by OpenAI \(US\)/),
        'Source type: SYNTHETIC (evidence: MODEL_CARD, confidence 0.97, https://huggingface.co/datasets/HuggingFaceH4/ultrachat_200k)',
      ]),
    );
    expect(synthetic.items[1].details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Generated by: openai\/gpt-4, snapshot gpt-4-0613/),
        'Source type not recorded; listed as synthetic because models generated it',
      ]),
    );
    const models = field(s, 'If yes, specify the general-purpose AI model(s)');
    expect(models.value).toBe('openai/gpt-3.5-turbo, openai/gpt-4');
    expect(models.items[1].text).toBe('openai/gpt-4, by OpenAI (US)');
    expect(models.items[1].details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Recorded as generating \(or labelling\) HuggingFaceH4\/ultrafeedback_binarized, snapshot gpt-4-0613/),
        expect.stringMatching(/^Teacher of this model \(DISTILLATION\)/),
      ]),
    );
  });

  it('names a generator recorded on a dataset of any source type, in its section and in 2.5.c', () => {
    const gpt4 = { model: 'openai/gpt-4', publisher: OPENAI, teacherSnapshot: null, evidence: card('https://example.org/licensed-qa') };
    const summary = buildEuTrainingSummary(zephyr([dataset('acme/licensed-qa', { kind: 'LICENSED', generatedBy: [gpt4] })]));
    const licensed = field(sectionAt(summary, '2.2.1'), 'Have you concluded');
    expect(licensed.items[0].details).toEqual(expect.arrayContaining([expect.stringMatching(/^Generated by: openai\/gpt-4/)]));
    const generators = field(sectionAt(summary, '2.5'), 'If yes, specify the general-purpose AI model(s)');
    expect(generators).toMatchObject({ status: 'PARTIAL', value: 'openai/gpt-4' });
  });

  it('places datasets by their recorded source type, with size ranges in 1.3 and top domains in 2.3', () => {
    const summary = buildEuTrainingSummary(
      zephyr([
        dataset('acme/wiki', { kind: 'PUBLIC', sizeRange: 'TEXT_UNDER_1B_TOKENS' }),
        dataset('acme/licensed-news', { kind: 'LICENSED', license: null }),
        dataset('acme/web', { kind: 'CRAWLED', topDomains: ['en.wikipedia.org', 'arxiv.org'], sizeRange: 'TEXT_1B_TO_10T_TOKENS' }),
        dataset('acme/chats', { kind: 'USER' }),
        dataset('acme/misc', { kind: 'OTHER' }),
      ]),
    );
    expect(field(sectionAt(summary, '2.1'), 'Have you used publicly available datasets')).toMatchObject({
      status: 'PREFILLED',
      value: 'Yes: 1 recorded in the registry',
    });
    // Partial even when every dataset has a range: one range per dataset cannot show a multimodal one.
    expect(field(sectionAt(summary, '2.1'), 'If yes, specify the modality')).toMatchObject({ status: 'PARTIAL', value: 'Text' });
    expect(field(sectionAt(summary, '2.1'), 'List of large publicly available datasets').items.map((i) => i.text)).toEqual(['acme/wiki']);
    const licensed = field(sectionAt(summary, '2.2.1'), 'Have you concluded');
    expect(licensed.status).toBe('PARTIAL');
    expect(licensed.items[0].details).toContain(`License: ${TO_BE_COMPLETED}`);
    expect(field(sectionAt(summary, '2.3'), 'Were crawlers used').items.map((i) => i.text)).toEqual(['acme/web']);
    expect(field(sectionAt(summary, '2.3'), 'Summary of the most relevant domain names crawled').items).toEqual([
      // The support is in the details too, so the Markdown (which prints details, not documentRef) shows it.
      {
        text: 'acme/web: en.wikipedia.org, arxiv.org',
        documentRef: 'https://huggingface.co/datasets/acme/web',
        details: ['evidence: MODEL_CARD, confidence 0.97, https://huggingface.co/datasets/acme/web'],
      },
    ]);
    expect(field(sectionAt(summary, '2.4'), 'Was data from user interactions with the AI model').items.map((i) => i.text)).toEqual(['acme/chats']);
    expect(field(sectionAt(summary, '2.6'), 'If yes, provide a narrative description').items.map((i) => i.text)).toEqual(['acme/misc']);
    const size = field(sectionAt(summary, '1.3'), 'Training data size');
    expect(size.status).toBe('PARTIAL');
    expect(size.items.map((i) => i.text)).toEqual(['acme/wiki: Text: less than 1 billion tokens', 'acme/web: Text: 1 billion to 10 trillion tokens']);
  });

  it('never invents: what the registry does not know is TO BE COMPLETED BY THE PROVIDER, and unclassified datasets are listed for the provider', () => {
    const summary = buildEuTrainingSummary({ ...zephyr([dataset('acme/unknown')]), dependencies: [] });
    expect(field(sectionAt(summary, '1.2'), 'Model dependencies').status).toBe('TO_BE_COMPLETED');
    for (const [at, label] of [
      ['1.1', 'Authorised representative name and contact details'],
      ['1.2', 'Date of placement of the model on the Union market'],
      ['1.3', 'Training data size'],
      ['2.1', 'List of large publicly available datasets'],
      ['2.3', 'Summary of the most relevant domain names crawled'],
      ['2.5', 'If yes, specify the general-purpose AI model(s)'],
      ['3.1', 'Describe the measures implemented'],
      ['3.2', 'General description of measures taken'],
    ])
      expect(field(sectionAt(summary, at), label)).toMatchObject({ status: 'TO_BE_COMPLETED', value: TO_BE_COMPLETED, items: [] });
    const unknown = field(sectionAt(summary, '2'), 'Datasets without a recorded source type');
    expect(unknown.items.map((i) => i.text)).toEqual(['acme/unknown']);
    expect(unknown.items[0].details).toContain(`Source type: ${TO_BE_COMPLETED}`);
  });

  it('renders Markdown in the template order, with every open field in bold', () => {
    const md = euSummaryMarkdown(buildEuTrainingSummary(zephyr([dataset('HuggingFaceH4/ultrachat_200k', { generatedBy: [gpt35] })])));
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings.slice(0, 4)).toEqual([
      '# Public Summary of Training Content: HuggingFaceH4/zephyr-7b-beta',
      '## 1. General information',
      '### 1.1 Provider identification',
      '### 1.2 Model identification',
    ]);
    expect(md.indexOf(`- **Version of the Summary:** **${TO_BE_COMPLETED}**`)).toBeLessThan(md.indexOf('## 1. General information'));
    expect(md).toContain('## 3. Data processing aspects');
    expect(md).toContain(`- **Have you used publicly available datasets to train the model?** **${TO_BE_COMPLETED}**`);
    expect(md).toContain(`- **Date of placement of the model on the Union market:** **${TO_BE_COMPLETED}**`);
    expect(md).toContain('  - HuggingFaceH4/ultrachat_200k\n    - Publisher: Hugging Face, Inc. (US)');
  });
});
