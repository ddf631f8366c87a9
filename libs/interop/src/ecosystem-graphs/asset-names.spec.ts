import { nameKey, registryName, registryNamePart, slugify } from './asset-names';

describe('nameKey', () => {
  it.each([
    ['LLaMA 2', 'Llama 2'],
    ['LLaMA 2', 'llama-2'],
    ['CommonCrawl', 'Common Crawl'],
    ['FLAN Collection', 'Flan Collection'],
    ['DALL·E 2', 'DALL-E 2'],
    ['Tulu-V2-mix', 'tulu v2 mix'],
    ['Café', 'cafe'],
  ])('"%s" meets "%s"', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ['Llama 2', 'Llama 3'],
    ['GPT-4', 'GPT-4o'],
    ['Alpaca', 'Alpaca dataset'],
  ])('"%s" stays apart from "%s"', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  it('keeps letters of other scripts, so names in them are not all equal', () => {
    expect(nameKey('文心一言')).toBe('文心一言');
    expect(nameKey('文心一言')).not.toBe(nameKey('通义千问'));
  });
});

describe('registry names', () => {
  it.each([
    ['Tulu 2', 'Tulu-2'],
    ['DALL·E 2', 'DALL-E-2'],
    ['Command R+', 'Command-R-plus'],
    ['text-davinci-003', 'text-davinci-003'],
    ['GPT-3.5 Turbo', 'GPT-3.5-Turbo'],
    ['École (v1)', 'Ecole-v1'],
    ['ΣΣΣ', 'unnamed'],
  ])('"%s" → "%s"', (name, part) => {
    expect(registryNamePart(name)).toBe(part);
  });

  it('puts the publisher slug in front, as the registry wants namespace/name', () => {
    expect(registryName('ai2', 'Tulu 2')).toBe('ai2/Tulu-2');
  });

  it.each([
    ['Google DeepMind', 'google-deepmind'],
    ['01 AI', '01-ai'],
    ['Universit´e Paris-Cit´e', 'universite-paris-cite'],
    ['Amazon Web Services (AWS)', 'amazon-web-services-aws'],
    ['Instituto de Astrofísica de Canarias (IAC)', 'instituto-de-astrofisica-de-canarias-iac'],
  ])('slug of "%s" is "%s"', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
