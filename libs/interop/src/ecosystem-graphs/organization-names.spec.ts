import { isUnknownOrganization, organizationKind, splitOrganizations } from './organization-names';

describe('splitOrganizations', () => {
  it.each([
    ['OpenAI', ['OpenAI']],
    ['Team GLM, Zhipu AI, Tsinghua University', ['Team GLM', 'Zhipu AI', 'Tsinghua University']],
    ['Continue Dev, Inc.', ['Continue Dev, Inc.']],
    ['ByteDance and University of Maryland, College Park', ['ByteDance and University of Maryland, College Park']],
    [
      'Observatoire de Paris, LERMA, PSL University, and Universit´e Paris-Cit´e.',
      ['Observatoire de Paris', 'LERMA', 'PSL University', 'Universit´e Paris-Cit´e'],
    ],
    ['LAION e.V.', ['LAION e.V.']],
    ['Baichuan Inc.', ['Baichuan Inc.']],
    [' Microsoft ,  NVIDIA ', ['Microsoft', 'NVIDIA']],
  ])('%s → %j', (text, members) => {
    expect(splitOrganizations(text).members).toEqual(members);
  });

  it('says why a comma did not split', () => {
    expect(splitOrganizations('Runway AI, Inc.').notes).toEqual(['"Inc." completes "Runway AI, Inc." and is not split off']);
  });

  it.each(['Unknown', 'unknown', '', 'none'])('"%s" is no organization', (text) => {
    expect(isUnknownOrganization(text)).toBe(true);
  });
});

describe('organizationKind', () => {
  it.each([
    ['OpenAI', 'COMPANY'],
    ['Google DeepMind', 'COMPANY'],
    ['Tsinghua University', 'ACADEMIC'],
    ['Universidad de la Laguna', 'ACADEMIC'],
    ['Allen Institute for AI', 'ACADEMIC'],
    ['École Normale Supérieure', 'ACADEMIC'],
    ['MIT-IBM Watson Lab', 'ACADEMIC'],
    ['Stanford', 'ACADEMIC'],
    ['CMU', 'ACADEMIC'],
    ['LAION e.V.', 'NONPROFIT'],
    ['Mozilla Foundation', 'NONPROFIT'],
    ['Argonne National Laboratory', 'GOVERNMENT'],
    ['National Library of Finland', 'GOVERNMENT'],
    ['Institute of Automation Chinese Academy of Sciences', 'GOVERNMENT'],
    ['BigScience', 'COMMUNITY'],
    ['EleutherAI', 'COMMUNITY'],
    ['Eleuther AI', 'COMMUNITY'],
    ['Submit Labs', 'COMPANY'],
  ])('%s → %s', (name, kind) => {
    expect(organizationKind(name)).toBe(kind);
  });
});
