import { normalizeLicense } from '@pedigree/licensing';

/** Invented custom licenses, shaped like the community, research and API-terms licenses on the Hub. */
export interface CustomLicenseSpec {
  key: string;
  name: string;
  commercialUse: boolean;
  attributionText: string | null;
  namingRequirement: string | null;
  useRestrictions: string[];
  userThreshold: number | null;
}

export const CUSTOM_LICENSES: readonly CustomLicenseSpec[] = [
  {
    key: 'LicenseRef-corvid-community-2',
    name: 'Corvid 2 Community License (synthetic)',
    commercialUse: true,
    attributionText: 'Built with Corvid',
    namingRequirement: 'Derived model names must begin with "Corvid"',
    useRestrictions: ['Corvid Acceptable Use Policy'],
    userThreshold: 700_000_000,
  },
  {
    key: 'LicenseRef-corvid-community-3',
    name: 'Corvid 3 Community License (synthetic)',
    commercialUse: true,
    attributionText: 'Built with Corvid',
    namingRequirement: 'Derived model names must begin with "Corvid"',
    useRestrictions: ['Corvid 3 Acceptable Use Policy'],
    userThreshold: 700_000_000,
  },
  {
    key: 'LicenseRef-vega-community',
    name: 'Vega Community License (synthetic)',
    commercialUse: true,
    attributionText: 'Powered by Vega',
    namingRequirement: null,
    useRestrictions: ['No military use'],
    userThreshold: 100_000_000,
  },
  {
    key: 'LicenseRef-orion-research',
    name: 'Orion Research-Only License (synthetic)',
    commercialUse: false,
    attributionText: null,
    namingRequirement: null,
    useRestrictions: ['Research and evaluation only'],
    userThreshold: null,
  },
  {
    key: 'LicenseRef-nimbus-model',
    name: 'Nimbus Model License (synthetic)',
    commercialUse: true,
    attributionText: 'Nimbus model',
    namingRequirement: null,
    useRestrictions: ['No biometric identification', 'No automated legal decisions'],
    userThreshold: null,
  },
  {
    key: 'LicenseRef-api-output-terms',
    name: 'API Output Terms of Use (synthetic)',
    commercialUse: true,
    attributionText: null,
    namingRequirement: null,
    useRestrictions: ['Outputs may not be used to develop competing models'],
    userThreshold: null,
  },
];

/** The license expressions models and datasets carry, with weights for roots, derivatives and datasets. */
const EXPRESSIONS: ReadonlyArray<readonly [string, number, number, number]> = [
  // expression, root weight, drift weight (a derivative that changed license), dataset weight
  ['Apache-2.0', 40, 30, 20],
  ['MIT', 18, 25, 20],
  ['CC-BY-4.0', 4, 5, 25],
  ['CC-BY-NC-4.0', 5, 10, 8],
  ['CC-BY-SA-4.0', 1, 2, 5],
  ['Unlicense', 1, 3, 1],
  ['LGPL-3.0-only', 1, 1, 0],
  ['BSD-3-Clause', 2, 2, 1],
  ['GPL-3.0-only', 1, 3, 1],
  ['AGPL-3.0-only', 1, 1, 0],
  ['ODC-By-1.0', 0, 0, 5],
  ['Apache-2.0 OR MIT', 2, 4, 2],
  ['LicenseRef-corvid-community-2', 6, 0, 0],
  ['LicenseRef-corvid-community-3', 8, 0, 0],
  ['LicenseRef-vega-community', 4, 0, 0],
  ['LicenseRef-orion-research', 2, 1, 1],
  ['LicenseRef-nimbus-model', 2, 0, 0],
  ['CC-BY-NC-4.0 AND LicenseRef-api-output-terms', 0, 2, 3],
  ['LicenseRef-api-output-terms', 0, 0, 0],
];

export interface LicenseTable {
  expressions: string[];
  ids: string[][];
  rootWeights: number[];
  driftWeights: number[];
  datasetWeights: number[];
  apiTerms: number;
}

/** Normalized once with the registry's own parser, so license_ids match what registration would store. */
export function licenseTable(): LicenseTable {
  const normalized = EXPRESSIONS.map(([e]) => normalizeLicense(e, 'license')!);
  return {
    expressions: normalized.map((n) => n.expression),
    ids: normalized.map((n) => n.ids),
    rootWeights: EXPRESSIONS.map((e) => e[1]),
    driftWeights: EXPRESSIONS.map((e) => e[2]),
    datasetWeights: EXPRESSIONS.map((e) => e[3]),
    apiTerms: EXPRESSIONS.findIndex(([e]) => e === 'LicenseRef-api-output-terms'),
  };
}

/** Marks "no license declared" in the Uint8Array license columns of the plan. */
export const NO_LICENSE = 255;
