import { licenseRefKey, readLicense } from './license-text';

describe('readLicense', () => {
  it.each([
    ['Apache 2.0', 'Apache-2.0'],
    ['MIT', 'MIT'],
    ['CC BY NC 4.0', 'CC-BY-NC-4.0'],
    ['CC BY-NC 4.0', 'CC-BY-NC-4.0'],
    ['CC-BY-NC 4.0', 'CC-BY-NC-4.0'],
    ['CC by-NC-SA 4.0', 'CC-BY-NC-SA-4.0'],
    ['CC BY-SA 4.0', 'CC-BY-SA-4.0'],
    ['ODC-By 1.0', 'ODC-By-1.0'],
    ['BSD-3-Clause', 'BSD-3-Clause'],
    ['Apache-2.0 OR MIT', 'Apache-2.0 OR MIT'],
  ])('%s → SPDX %s', (text, expression) => {
    expect(readLicense(text, 'acme')).toEqual({ kind: 'spdx', expression });
  });

  it.each(['unknown', 'Unknown', 'unknkown', 'none', '', null, undefined])('%j states no license', (text) => {
    expect(readLicense(text, 'acme')).toEqual({ kind: 'unknown' });
  });

  it.each([
    ['LLaMA 2', 'LicenseRef-LLaMA-2'],
    ['Llama 3.1 Community License Agreement', 'LicenseRef-Llama-3.1-Community-License-Agreement'],
    // spdx-correct alone would call these MIT, OSC-1.0 and GPL-3.0-or-later: wrong licenses are worse than none.
    ['Modified MIT License', 'LicenseRef-Modified-MIT-License'],
    ['mC4, OSCAR', 'LicenseRef-mC4-OSCAR'],
    ['LLaMa License (model weights), GPLv3 (code)', 'LicenseRef-LLaMa-License-model-weights-GPLv3-code'],
    // No version: CC BY-NC 2.0 and 4.0 differ, so it is not guessed.
    ['CC-BY-NC', 'LicenseRef-CC-BY-NC'],
    ['OpenRail++', 'LicenseRef-OpenRail'],
  ])('%s → %s, text kept', (text, key) => {
    expect(readLicense(text, 'acme')).toEqual({ kind: 'ref', key, text });
  });

  it('keeps "custom" apart per publisher: two publishers\' own licenses are not one license', () => {
    expect(readLicense('custom', '01-ai')).toEqual({ kind: 'ref', key: 'LicenseRef-01-ai-custom', text: 'custom' });
    expect(readLicense('Custom', 'neeva')).toEqual({ kind: 'ref', key: 'LicenseRef-neeva-Custom', text: 'Custom' });
  });
});

describe('licenseRefKey', () => {
  it('keeps letters, digits, "." and "-", and cuts long texts at a word boundary', () => {
    const key = licenseRefKey('Limited use license to Cohere platform users [[Terms of Use]](https://cohere.ai/terms-of-use).\n');
    expect(key).toMatch(/^LicenseRef-[A-Za-z0-9.-]+$/);
    expect(key).toBe('LicenseRef-Limited-use-license-to-Cohere-platform-users-Terms-of-Use-https-cohere.ai-terms');
    expect(licenseRefKey('Écrit à la main')).toBe('LicenseRef-Ecrit-a-la-main');
    expect(licenseRefKey('!!!')).toBe('LicenseRef-unnamed');
  });
});
