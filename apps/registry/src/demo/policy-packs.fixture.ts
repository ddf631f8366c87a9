/**
 * Evaluation contexts shaped like the policy evaluator's contract (docs/policies.md), built from
 * demo-catalog facts, and which pack policies hold on each. Every field the contract names is
 * present: the conditions must cope with nulls, not with missing fields.
 */
import type { CelInput } from '@bufbuild/cel';

type Ctx = Record<string, CelInput>;

const terms = (over: Ctx = {}): Ctx => ({
  known: true,
  commercialUse: true,
  nonCommercial: false,
  noDerivatives: false,
  shareAlike: false,
  attributionRequired: false,
  forbidsCompetingModels: false,
  useRestrictions: [],
  ...over,
});

const node = (over: Ctx): Ctx => ({
  id: '1',
  kind: 'MODEL',
  name: 'node',
  depth: 1,
  kinds: ['WEIGHTS'],
  relations: ['FINETUNE'],
  country: 'US',
  publisher: 'meta',
  publisherCountry: 'US',
  vendor: 'meta',
  vendorName: 'Meta Platforms, Inc.',
  vendorCountry: 'US',
  ownerChain: [],
  ownerCountries: ['US'],
  access: 'OPEN_WEIGHTS',
  license: 'LicenseRef-llama3.1',
  licenseTerms: terms({ attributionRequired: true }),
  signature: null,
  ...over,
});

const DEEPSEEK = {
  publisher: 'deepseek',
  publisherCountry: 'CN',
  vendor: 'high-flyer',
  vendorName: 'High-Flyer (quantitative hedge fund)',
  vendorCountry: 'CN',
  country: 'CN',
  ownerChain: [{ organization: 'high-flyer', name: 'High-Flyer (quantitative hedge fund)', country: 'CN', percentage: 100 }],
  ownerCountries: ['CN'],
  license: 'MIT',
};

const subject = (over: Ctx): Ctx => ({
  kind: 'MODEL',
  id: '100',
  name: 'subject',
  access: 'OPEN_WEIGHTS',
  license: 'Apache-2.0',
  licenseTerms: terms(),
  country: 'US',
  publisher: 'acme',
  publisherCountry: 'US',
  vendor: 'acme',
  vendorName: 'Acme',
  vendorCountry: 'US',
  ownerChain: [],
  modality: 'text',
  parameterCount: null,
  tasks: [],
  ...over,
});

const deployment = (over: Ctx): Ctx =>
  subject({
    kind: 'DEPLOYMENT',
    access: null,
    license: null,
    licenseTerms: terms({ known: false }),
    environment: 'PRODUCTION',
    criticality: 'HIGH',
    ownerTeam: 'platform',
    system: 'assistant',
    tags: [],
    region: null,
    provider: null,
    providerVendor: null,
    providerCountry: null,
    ...over,
  });

const rollups = (over: Ctx = {}): Ctx => ({
  unavoidableVendors: [],
  vendors: [],
  countries: [],
  licenseDrift: [],
  concentration: { vendorCount: 1, countryCount: 1, weightRootCount: 1, topVendor: null, topVendorShare: 1, topCountry: null, topCountryShare: 1 },
  ...over,
});

const ctx = (s: Ctx, ancestors: Ctx[] = [], over: Ctx = {}): Ctx => ({ subject: s, ancestors, dependencies: [], deployments: [], rollups: rollups(), ...over });
const serving = (organization: string, vendor: string, vendorCountry: string | null): Ctx => ({
  kind: 'SERVING',
  organization,
  organizationName: organization,
  vendor,
  vendorCountry,
  country: null,
  depth: 0,
  node: 'subject',
  detail: 'inference provider',
});

export const CONTEXTS: Record<string, Ctx> = {
  // A US-owned production deployment of Llama 3.1, self-hosted: nothing applies.
  clean: ctx(deployment({}), [node({ relations: ['RUNS'] })]),
  // DeepSeek's own API behind a deployment.
  deepseekApi: ctx(
    deployment({ provider: 'deepseek', providerVendor: 'high-flyer', providerCountry: 'CN' }),
    [node({ ...DEEPSEEK, name: 'deepseek-chat', access: 'API_ONLY', relations: ['RUNS'] })],
    { dependencies: [serving('deepseek', 'high-flyer', 'CN')] },
  ),
  // DeepSeek-R1 weights on Amazon Bedrock Marketplace (the demo deployment): weights, served by a US vendor.
  deepseekWeights: ctx(
    deployment({ provider: 'amazon-web-services', providerVendor: 'amazon', providerCountry: 'US' }),
    [
      node({ ...DEEPSEEK, name: 'deepseek-ai/DeepSeek-R1', relations: ['RUNS'] }),
      node({ ...DEEPSEEK, name: 'deepseek-ai/DeepSeek-V3-Base', depth: 2, relations: ['FINETUNE'] }),
    ],
    { dependencies: [serving('amazon-web-services', 'amazon', 'US')] },
  ),
  // A third-party fine-tune of DeepSeek-R1-Distill-Llama-8B, self-hosted: a derivative.
  deepseekDerivative: ctx(
    deployment({}),
    [
      node({ name: 'someone/r1-distill-llama-8b-ft', publisher: 'someone', vendor: 'someone', license: 'MIT', licenseTerms: terms(), relations: ['RUNS'] }),
      node({ ...DEEPSEEK, name: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B', depth: 2, relations: ['FINETUNE'] }),
      node({ ...DEEPSEEK, name: 'deepseek-ai/DeepSeek-R1', depth: 3, kinds: ['DISTILLATION'], relations: ['DISTILLATION'] }),
      node({ name: 'meta-llama/Llama-3.1-8B', depth: 3, relations: ['FINETUNE'] }),
    ],
    {
      rollups: rollups({
        licenseDrift: [
          {
            derived: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
            ancestor: 'meta-llama/Llama-3.1-8B',
            declaredLicense: 'MIT',
            ancestorLicense: 'LicenseRef-llama3.1',
            reason: 'USE_RESTRICTIONS_DROPPED',
          },
        ],
      }),
    },
  ),
  // Zephyr 7B beta: UltraChat, generated with gpt-3.5-turbo, whose terms forbid competing models; a base of unknown license.
  zephyr: ctx(subject({ name: 'HuggingFaceH4/zephyr-7b-beta', license: 'MIT' }), [
    node({ kind: 'DATASET', name: 'HuggingFaceH4/ultrachat_200k', kinds: ['TRAINING_DATA'], relations: ['TRAINED_ON'], license: 'MIT', licenseTerms: terms() }),
    node({
      name: 'openai/gpt-3.5-turbo',
      depth: 2,
      kinds: ['DISTILLATION'],
      relations: ['GENERATED_BY'],
      publisher: 'openai',
      vendor: 'openai',
      access: 'API_ONLY',
      license: 'LicenseRef-openai-terms',
      licenseTerms: terms({ forbidsCompetingModels: true, useRestrictions: ['Output may not be used to develop models that compete with OpenAI'] }),
    }),
    node({
      name: 'unregistered/teacher',
      depth: 2,
      kinds: ['DISTILLATION'],
      relations: ['GENERATED_BY'],
      access: 'API_ONLY',
      license: null,
      licenseTerms: null,
    }),
    node({ name: 'mistralai/Mistral-7B-v0.1', license: 'LicenseRef-unregistered', licenseTerms: terms({ known: false }) }),
  ]),
  // Qwen2.5 published by Alibaba Cloud, controlled from CN, as a model subject.
  qwenModel: ctx(
    subject({
      name: 'Qwen/Qwen2.5-7B',
      publisher: 'alibaba-cloud',
      publisherCountry: 'CN',
      vendor: 'alibaba-group',
      vendorCountry: 'CN',
      ownerChain: [{ organization: 'alibaba-group', name: 'Alibaba Group Holding Limited', country: 'CN', percentage: 100 }],
    }),
    [],
    {
      deployments: [
        {
          name: 'chat/qwen',
          system: 'chat',
          environment: 'PRODUCTION',
          criticality: 'HIGH',
          ownerTeam: 'chat',
          tags: [],
          provider: null,
          providerVendor: null,
          providerCountry: null,
          region: null,
          country: 'DE',
        },
      ],
    },
  ),
  // The same model with no deployment: not a production model, so the production-scoped cut-off is out of scope.
  qwenUndeployed: ctx(subject({ name: 'Qwen/Qwen2.5-7B', publisher: 'alibaba-cloud', publisherCountry: 'CN', vendor: 'alibaba-group', vendorCountry: 'CN' })),
};

export const EXPECTED: Record<string, string[]> = {
  clean: [],
  deepseekApi: [
    'au-pspf-001-2025/deepseek-service',
    'us-deepseek-2025/texas-service',
    'us-deepseek-2025/new-york-service',
    'us-deepseek-2025/virginia-service',
    'vendor-country-cutoff/service',
  ],
  deepseekWeights: ['au-pspf-001-2025/deepseek-weights', 'us-deepseek-2025/weights', 'vendor-country-cutoff/weights'],
  deepseekDerivative: [
    'au-pspf-001-2025/deepseek-derivatives',
    'license-drift/production-deployment',
    'us-deepseek-2025/derivatives',
    'vendor-country-cutoff/derivatives',
  ],
  zephyr: ['distillation-terms/api-teacher-forbids-competing-models', 'distillation-terms/api-teacher-terms-unknown', 'license-drift/unknown-weight-license'],
  qwenModel: ['vendor-country-cutoff/weights'],
  qwenUndeployed: [],
};
