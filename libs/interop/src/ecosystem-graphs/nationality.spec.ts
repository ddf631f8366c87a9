import { assignCountries, readNationality } from './nationality';

describe('readNationality', () => {
  it.each([
    ['USA', ['US']],
    ['UK', ['GB']],
    ['China', ['CN']],
    ['South Korea', ['KR']],
    ['UAE', ['AE']],
    ['Russia', ['RU']],
    ['Israel', ['IL']],
    ['Canada/Switzerland', ['CA', 'CH']],
    ['USA, China', ['US', 'CN']],
    ['USA and UK', ['US', 'GB']],
    ['Trinidad and Tobago', ['TT']],
    ['fr', ['FR']],
  ])('%s → %j', (text, codes) => {
    expect(readNationality(text)).toEqual({ kind: 'countries', codes });
  });

  it.each(['unknown', 'Unknown', '', '  ', null, undefined])('%j → unknown', (text) => {
    expect(readNationality(text)).toEqual({ kind: 'unknown' });
  });

  it('reads "International" as a collaboration without a single jurisdiction', () => {
    expect(readNationality('International')).toEqual({ kind: 'international' });
  });

  it.each(['Atlantis', 'USA/Atlantis', 'Europe'])('%s names no country', (text) => {
    expect(readNationality(text)).toEqual({ kind: 'unrecognized', text });
  });
});

describe('assignCountries', () => {
  it('gives one organization its one country', () => {
    expect(assignCountries(['OpenAI'], readNationality('USA'))).toEqual({ countries: ['US'], problem: null });
  });

  it('pairs as many organizations as countries, in order', () => {
    expect(assignCountries(['Mila', 'ETH Zurich'], readNationality('Canada/Switzerland'))).toEqual({ countries: ['CA', 'CH'], problem: null });
  });

  it('gives no country and lists the candidates when the counts differ', () => {
    const three = assignCountries(['Nous Research', 'EleutherAI', 'University of Geneva'], readNationality('Canada/Switzerland'));
    expect(three.countries).toEqual([null, null, null]);
    expect(three.problem?.kind).toBe('nationality-unpaired');
    expect(three.problem?.detail).toContain('candidates: CA, CH');
    // One country for two publishers may be right for only one of them ("Mistral AI, NVIDIA" / "USA").
    expect(assignCountries(['Mistral AI', 'NVIDIA'], readNationality('USA')).countries).toEqual([null, null]);
    expect(assignCountries(['Yi'], readNationality('USA, China')).problem?.kind).toBe('nationality-unpaired');
  });

  it('gives no country for "International", with a finding, and none without a finding for unknown', () => {
    const intl = assignCountries(['Together', 'LAION'], readNationality('International'));
    expect(intl.countries).toEqual([null, null]);
    expect(intl.problem?.kind).toBe('international-nationality');
    expect(assignCountries(['Reka'], readNationality('unknown'))).toEqual({ countries: [null], problem: null });
    expect(assignCountries(['X'], readNationality('Atlantis')).problem?.kind).toBe('nationality-unrecognized');
  });
});
