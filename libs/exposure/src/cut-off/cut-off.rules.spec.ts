import { LicenseTerms } from '@pedigree/licensing';
import {
  CandidateModel,
  closeness,
  CutOffEntity,
  inScope,
  qualify,
  rankSubstitutes,
  ScopedDeployment,
  servedByTarget,
  SubstituteNeed,
  withoutSubstitute,
} from './cut-off.rules';

const model = (id: string, over: Partial<CandidateModel> = {}): CandidateModel => ({
  id,
  name: `org/m${id}`,
  modality: 'text',
  parameterCount: 8e9,
  tasks: ['chat'],
  license: 'Apache-2.0',
  access: 'OPEN_WEIGHTS',
  releaseDate: '2024-07-01',
  vendorId: '10',
  vendorCountry: 'US',
  ...over,
});
const current = model('1', { name: 'vendor/current', vendorId: '99', vendorCountry: 'CN' });
const need = (over: Partial<SubstituteNeed> = {}): SubstituteNeed => ({ current, tasks: ['chat'], commercial: true, range: 4, ...over });
const org: CutOffEntity = { label: 'organization vendor', organizationId: '99', country: null };
const cn: CutOffEntity = { label: 'country CN', organizationId: null, country: 'CN' };
const terms = new Map<string, LicenseTerms>([
  [
    'LicenseRef-open',
    {
      key: 'LicenseRef-open',
      commercialUse: true,
      nonCommercial: false,
      attributionRequired: false,
      attributionText: null,
      namingRequirement: null,
      useRestrictions: [],
      userThreshold: 700_000_000,
      forbidsCompetingModels: false,
    },
  ],
  [
    'LicenseRef-research',
    {
      key: 'LicenseRef-research',
      commercialUse: false,
      nonCommercial: true,
      attributionRequired: false,
      attributionText: null,
      namingRequirement: null,
      useRestrictions: [],
      userThreshold: null,
      forbidsCompetingModels: false,
    },
  ],
]);

describe('qualify', () => {
  it.each<[string, CandidateModel, SubstituteNeed, CutOffEntity, boolean, boolean]>([
    ['a same-size Apache-2.0 chat model', model('2'), need(), org, false, true],
    ['the current model itself', model('1'), need(), org, false, false],
    ['a model the target reaches', model('2'), need(), org, true, false],
    ['another modality', model('2', { modality: 'image' }), need(), org, false, false],
    ['no modality', model('2', { modality: null }), need(), org, false, false],
    ['just inside ×4', model('2', { parameterCount: 32e9 }), need(), org, false, true],
    ['just outside ×4', model('2', { parameterCount: 32.1e9 }), need(), org, false, false],
    ['÷4 exactly', model('2', { parameterCount: 2e9 }), need(), org, false, true],
    ['a wider window', model('2', { parameterCount: 70e9 }), need({ range: 10 }), org, false, true],
    ['unknown size when the current is known', model('2', { parameterCount: null }), need(), org, false, false],
    ['any size when the current is unknown', model('2', { parameterCount: 1e12 }), need({ current: { ...current, parameterCount: null } }), org, false, true],
    ['non-commercial in PRODUCTION', model('2', { license: 'CC-BY-NC-4.0' }), need(), org, false, false],
    ['non-commercial outside PRODUCTION', model('2', { license: 'CC-BY-NC-4.0' }), need({ commercial: false }), org, false, true],
    ['a custom license without commercial use', model('2', { license: 'LicenseRef-research' }), need(), org, false, false],
    ['a custom license with commercial use', model('2', { license: 'LicenseRef-open' }), need(), org, false, true],
    ['an unregistered custom license in PRODUCTION', model('2', { license: 'LicenseRef-unknown' }), need(), org, false, false],
    ['no license in PRODUCTION', model('2', { license: null }), need(), org, false, false],
    ['no license outside PRODUCTION', model('2', { license: null }), need({ commercial: false }), org, false, true],
    ['no shared task', model('2', { tasks: ['code'] }), need(), org, false, false],
    ['no tasks when some are needed', model('2', { tasks: [] }), need(), org, false, false],
    ['one of two tasks shared', model('2', { tasks: ['code'] }), need({ tasks: ['chat', 'code'] }), org, false, true],
    ['no task needed', model('2', { tasks: [] }), need({ tasks: [] }), org, false, true],
    ['an API model of the cut-off vendor', model('2', { access: 'API_ONLY', vendorId: '99' }), need(), org, false, false],
    ['an open model of the cut-off vendor (the walk decides)', model('2', { vendorId: '99' }), need(), org, false, true],
    ['an API model of a vendor from the cut-off country', model('2', { access: 'API_ONLY', vendorCountry: 'CN' }), need(), cn, false, false],
  ])('%s', (_, c, n, target, affected, qualifies) => {
    expect(qualify(c, n, target, affected, terms) !== null).toBe(qualifies);
  });

  it('says why in words', () => {
    expect(qualify(model('2', { parameterCount: 7.61e9 }), need({ tasks: ['chat', 'code'] }), org, false, terms)).toEqual([
      'same modality text',
      '7.6B parameters, within ×4 of 8.0B',
      'licensed Apache-2.0, allows commercial use',
      'tasks chat match',
      'ancestry avoids organization vendor on every relation (weights, distillation, training data, auxiliary, compute, ownership)',
    ]);
    expect(qualify(model('2', { license: 'LicenseRef-open' }), need(), org, false, terms)?.[2]).toBe(
      'licensed LicenseRef-open, allows commercial use (a separate license is needed above 700,000,000 monthly active users)',
    );
    expect(qualify(model('2'), need({ current: { ...current, parameterCount: null } }), org, false, terms)?.[1]).toBe(
      'size not compared: the parameter count of vendor/current is unknown',
    );
  });
});

describe('closeness', () => {
  it.each<[string, Partial<CandidateModel>, Partial<SubstituteNeed>, number]>([
    ['identical in every respect (same release day counts as new)', {}, {}, 1],
    ['newer', { releaseDate: '2025-01-01' }, {}, 1],
    ['older', { releaseDate: '2023-01-01' }, {}, 0.9],
    ['undated counts as older', { releaseDate: null }, {}, 0.9],
    ['at the edge of the window', { parameterCount: 32e9 }, {}, 0.6],
    ['half way on a log scale', { parameterCount: 16e9 }, {}, 0.8],
    ['another access kind', { access: 'API_ONLY' }, {}, 0.9],
    ['half the tasks', {}, { tasks: ['chat', 'code'] }, 0.8],
    ['size unknown', {}, { current: { ...current, parameterCount: null } }, 0.8],
  ])('%s', (_, c, n, expected) => {
    expect(closeness(model('2', c), need(n))).toBeCloseTo(expected, 3);
  });
});

describe('rankSubstitutes', () => {
  it('keeps the five closest qualifying candidates, ranked, ties by name, each once', () => {
    const candidates = [
      model('7', { name: 'z/far', parameterCount: 30e9 }),
      model('2', { name: 'b/same', releaseDate: '2024-01-01' }),
      model('3', { name: 'a/same', releaseDate: '2024-01-01' }),
      model('3', { name: 'a/same', releaseDate: '2024-01-01' }),
      model('4', { name: 'c/reached' }),
      model('5', { name: 'd/newer', releaseDate: '2025-02-01' }),
      model('6', { name: 'e/mid', parameterCount: 12e9 }),
      model('8', { name: 'f/nc', license: 'CC-BY-NC-4.0' }),
      model('9', { name: 'g/small', parameterCount: 4e9 }),
    ];
    const ranked = rankSubstitutes(candidates, need(), org, (id) => id === '4', terms);
    expect(ranked.map((r) => [r.rank, r.model.name])).toEqual([
      [1, 'd/newer'],
      [2, 'a/same'],
      [3, 'b/same'],
      [4, 'e/mid'],
      [5, 'g/small'],
    ]);
  });
});

describe('scope and totals', () => {
  const d = (over: Partial<ScopedDeployment>): ScopedDeployment => ({
    id: '1',
    ownerTeam: 'team',
    environment: 'PRODUCTION',
    criticality: 'HIGH',
    tags: ['eu'],
    ...over,
  });
  it.each<[string, Partial<ScopedDeployment>, Parameters<typeof inScope>[1], boolean]>([
    ['no filter', {}, {}, true],
    ['environment listed', {}, { environments: ['STAGING', 'PRODUCTION'] }, true],
    ['environment not listed', {}, { environments: ['STAGING'] }, false],
    ['owner team', {}, { ownerTeam: 'other' }, false],
    ['tag, any case', {}, { tag: 'EU' }, true],
    ['missing tag', {}, { tag: 'us' }, false],
    ['at the minimum criticality', {}, { minCriticality: 'HIGH' }, true],
    ['below it', { criticality: 'MEDIUM' }, { minCriticality: 'HIGH' }, false],
  ])('%s', (_, over, scope, expected) => expect(inScope(d(over), scope)).toBe(expected));

  it('counts deployments without a substitute per criticality, most critical first', () => {
    expect(
      withoutSubstitute([
        { criticality: 'LOW', substitutes: 0 },
        { criticality: 'CRITICAL', substitutes: 0 },
        { criticality: 'CRITICAL', substitutes: 0 },
        { criticality: 'HIGH', substitutes: 3 },
      ]),
    ).toEqual([
      { criticality: 'CRITICAL', count: 2 },
      { criticality: 'LOW', count: 1 },
    ]);
  });

  it('an open model is not "served" by the cut-off vendor: only its lineage can make it affected', () => {
    expect(servedByTarget(model('2', { vendorId: '99' }), org)).toBe(false);
    expect(servedByTarget(model('2', { vendorId: '99', access: 'API_ONLY' }), org)).toBe(true);
  });
});
