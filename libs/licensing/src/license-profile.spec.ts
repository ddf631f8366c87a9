import { forbidsDerivatives, isNonCommercial, isShareAlike, LicenseTerms, licenseProfile, ObligationKind, useRestrictions } from './license-profile';

const llama: LicenseTerms = {
  key: 'LicenseRef-llama3.1',
  commercialUse: true,
  nonCommercial: false,
  attributionRequired: true,
  attributionText: 'Built with Llama',
  namingRequirement: 'Names must begin with "Llama"',
  useRestrictions: ['Llama 3.1 Acceptable Use Policy'],
  forbidsCompetingModels: false,
  userThreshold: 700_000_000,
};
const terms = new Map([[llama.key, llama]]);

describe('licenseProfile', () => {
  it.each([
    ['MIT', false, false, false, 0],
    ['Apache-2.0', false, false, false, 0],
    ['CC-BY-NC-4.0', true, false, false, 0],
    ['CC-BY-NC-SA-4.0', true, true, false, 0],
    ['CC-BY-ND-4.0', false, false, true, 0],
    ['GPL-3.0-only', false, true, false, 0],
    ['LicenseRef-llama3.1', false, false, false, 1],
    ['MIT OR CC-BY-NC-4.0', false, false, false, 0],
    ['MIT AND CC-BY-NC-4.0', true, false, false, 0],
    ['CC-BY-NC-4.0 AND LicenseRef-llama3.1', true, false, false, 1],
  ])('%s: nonCommercial=%s shareAlike=%s noDerivatives=%s useRestrictions=%d', (expr, nc, sa, nd, ur) => {
    const p = licenseProfile(expr, terms);
    expect(p.known).toBe(true);
    expect([isNonCommercial(p), isShareAlike(p), forbidsDerivatives(p), useRestrictions(p).length]).toEqual([nc, sa, nd, ur]);
  });

  it('carries custom attribution, naming and threshold terms', () => {
    const kinds = licenseProfile('LicenseRef-llama3.1', terms).obligations.map((o) => [o.kind, o.text]);
    expect(kinds).toEqual([
      [ObligationKind.ATTRIBUTION, 'Built with Llama'],
      [ObligationKind.NAMING, 'Names must begin with "Llama"'],
      [ObligationKind.USE_RESTRICTION, 'Llama 3.1 Acceptable Use Policy'],
      [ObligationKind.USER_THRESHOLD, 'A separate license is needed above 700,000,000 monthly active users'],
    ]);
  });

  it.each([null, 'LicenseRef-unregistered', 'not an expression'])('%p is unknown', (expr) => {
    expect(licenseProfile(expr, terms).known).toBe(false);
  });

  it('public-domain dedications carry no obligations', () => {
    expect(licenseProfile('CC0-1.0', terms).obligations).toEqual([]);
  });
});
