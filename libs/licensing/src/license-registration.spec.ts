import { comparableLicenseTerms } from './license-registration';

describe('comparableLicenseTerms', () => {
  const base = { key: 'LicenseRef-x', commercialUse: true };

  it.each([
    ['false, as a registration stored before the term existed', false, base],
    ['true, which a registration without the term must not match', true, { ...base, forbidsCompetingModels: true }],
  ])('forbidsCompetingModels %s', (_, forbidsCompetingModels, expected) => {
    expect(comparableLicenseTerms({ ...base, forbidsCompetingModels })).toEqual(expected);
  });

  it('does not change the record it is given', () => {
    const record = { ...base, forbidsCompetingModels: false };
    comparableLicenseTerms(record);
    expect(record).toEqual({ ...base, forbidsCompetingModels: false });
  });
});
