import { DomainError } from '../errors/domain-error';
import { normalizeDatasetProfile } from './dataset-profile';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect((e as DomainError).code).toBe('INVALID_INPUT');
    return (e as DomainError).field;
  }
  throw new Error('expected an error');
}

describe('normalizeDatasetProfile', () => {
  it('accepts the template kinds and ranges, and lower-cases and de-duplicates domains', () => {
    expect(
      normalizeDatasetProfile(
        { kind: 'CRAWLED', sizeRange: 'TEXT_1B_TO_10T_TOKENS', topDomains: ['En.Wikipedia.org', 'en.wikipedia.org.', 'arxiv.org'] },
        'input',
      ),
    ).toEqual({
      kind: 'CRAWLED',
      sizeRange: 'TEXT_1B_TO_10T_TOKENS',
      topDomains: ['en.wikipedia.org', 'arxiv.org'],
    });
    expect(normalizeDatasetProfile({ kind: 'SYNTHETIC' }, 'input')).toEqual({ kind: 'SYNTHETIC', sizeRange: null, topDomains: [] });
  });

  it.each<[string, Parameters<typeof normalizeDatasetProfile>[0], string]>([
    ['an unknown kind', { kind: 'SCRAPED' }, 'input.kind'],
    ['an unknown size range', { sizeRange: 'HUGE' }, 'input.sizeRange'],
    ['a URL instead of a domain', { kind: 'CRAWLED', topDomains: ['example.org', 'https://example.com/a'] }, 'input.topDomains[1]'],
    ['domains on data that was not crawled', { kind: 'PUBLIC', topDomains: ['example.org'] }, 'input.topDomains'],
    ['too many domains', { kind: 'CRAWLED', topDomains: Array.from({ length: 1001 }, (_, i) => `d${i}.example.org`) }, 'input.topDomains'],
    ['nothing at all', {}, 'input'],
  ])('refuses %s, naming the field', (_, draft, field) => {
    expect(fieldOf(() => normalizeDatasetProfile(draft, 'input'))).toBe(field);
  });
});
