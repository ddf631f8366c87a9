import { impactTarget } from './impact.command';
import { portfolioFilter } from './portfolio.command';

describe('impactTarget', () => {
  it.each([
    [{ organization: 'Meta Platforms, Inc.' }, { organization: 'Meta Platforms, Inc.' }],
    [{ country: ' Germany ' }, { country: 'Germany' }],
    [{ model: 'acme/m', csv: true }, { model: 'acme/m' }],
  ])('%j → %j, passed through as typed', (opts, of) => expect(impactTarget(opts).of).toEqual(of));

  it.each([
    [{}, 'impact needs a target: give exactly one of --organization, --country, --model, --dataset, --checkpoint'],
    [{ country: 'CN', model: 'x' }, 'impact takes exactly one target; got --country and --model'],
    [{ organization: 'meta', country: 'CN', model: 'x' }, 'impact takes exactly one target; got --organization and --country and --model'],
    [{ model: '  ' }, '--model needs a value'],
  ])('%j is refused: %s', (opts, message) => expect(() => impactTarget(opts)).toThrow(message));
});

describe('portfolioFilter', () => {
  it.each([
    [{}, {}],
    [
      { environment: 'production', excludeTag: ['imported:ecosystem-graphs'] },
      { environment: 'PRODUCTION', excludeTags: ['imported:ecosystem-graphs'] },
    ],
    [
      { scope: 'models', organization: 'Alibaba Group Holding Limited' },
      { scope: 'MODELS', organization: 'Alibaba Group Holding Limited' },
    ],
    [{ excludeTag: [] }, {}],
  ])('%j → %j', (opts, filter) => expect(portfolioFilter(opts)).toEqual(filter));

  it.each([
    [{ environment: 'prod' }, '--environment must be one of production, staging, development, research; got "prod"'],
    [{ scope: 'all' }, '--scope must be one of deployments, models; got "all"'],
  ])('%j is refused: %s', (opts, message) => expect(() => portfolioFilter(opts)).toThrow(message));
});
