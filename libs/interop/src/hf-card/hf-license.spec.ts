import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeLicense } from '@pedigree/licensing';
import { hfLicenseToSpdx } from './hf-license';
import { HUB_LICENSES } from './hf-license-table';

describe('hfLicenseToSpdx', () => {
  it.each([
    // Hub id → SPDX id
    ['apache-2.0', undefined, 'Apache-2.0', 'hub-spdx'],
    ['mit', undefined, 'MIT', 'hub-spdx'],
    ['cc-by-nc-4.0', undefined, 'CC-BY-NC-4.0', 'hub-spdx'],
    ['cc-by-sa-4.0', undefined, 'CC-BY-SA-4.0', 'hub-spdx'],
    ['gpl-3.0', undefined, 'GPL-3.0-only', 'hub-spdx'],
    ['agpl-3.0', undefined, 'AGPL-3.0-only', 'hub-spdx'],
    ['bsd-3-clause', undefined, 'BSD-3-Clause', 'hub-spdx'],
    ['openmdw-1.0', undefined, 'OpenMDW-1.0', 'hub-spdx'],
    ['Apache-2.0', undefined, 'Apache-2.0', 'hub-spdx'],
    // Hub id of a license SPDX does not list → LicenseRef-<id>
    ['llama3.1', undefined, 'LicenseRef-llama3.1', 'hub-ref'],
    ['llama3.2', undefined, 'LicenseRef-llama3.2', 'hub-ref'],
    ['llama3.3', undefined, 'LicenseRef-llama3.3', 'hub-ref'],
    ['gemma', undefined, 'LicenseRef-gemma', 'hub-ref'],
    ['openrail', undefined, 'LicenseRef-openrail', 'hub-ref'],
    ['bigscience-openrail-m', undefined, 'LicenseRef-bigscience-openrail-m', 'hub-ref'],
    ['creativeml-openrail-m', undefined, 'LicenseRef-creativeml-openrail-m', 'hub-ref'],
    ['openrail++', undefined, 'LicenseRef-openrail-plusplus', 'hub-ref'],
    // other + license_name
    ['other', 'qwen', 'LicenseRef-qwen', 'license-name'],
    ['other', 'deepseek', 'LicenseRef-deepseek', 'license-name'],
    ['other', 'coqui public model license', 'LicenseRef-coqui-public-model-license', 'license-name'],
    // written as SPDX (or nearly) rather than as a Hub id
    ['Apache 2.0', undefined, 'Apache-2.0', 'spdx'],
    ['MIT OR Apache-2.0', undefined, 'MIT OR Apache-2.0', 'spdx'],
    // unrecognized text is kept, not dropped
    ['Custom license (see LICENSE)', undefined, 'LicenseRef-Custom-license-see-LICENSE', 'unrecognized'],
    // no usable license
    [undefined, undefined, null, 'unknown'],
    ['unknown', undefined, null, 'unknown'],
    ['other', undefined, null, 'unknown'],
    ['other', '???', null, 'unknown'],
  ])('%s (license_name %s) → %s', (license, name, expected, basis) => {
    const mapping = hfLicenseToSpdx(license, name);
    expect(mapping.license).toBe(expected);
    expect(mapping.basis).toBe(basis);
    expect(mapping.licenseRef).toBe(expected?.startsWith('LicenseRef-') ? expected : null);
  });

  it('explains every mapping that is not exact', () => {
    expect(hfLicenseToSpdx('Apache 2.0').note).toContain('read as the SPDX expression Apache-2.0');
    expect(hfLicenseToSpdx('gpl').note).toContain('family');
    expect(hfLicenseToSpdx('other').note).toContain('without a usable license_name');
    expect(hfLicenseToSpdx('Custom license (see LICENSE)').note).toContain('neither a Hub license id nor an SPDX expression');
    expect(hfLicenseToSpdx('llama3.1').note).toBeNull();
  });

  it('names Hub licenses by their full name, for registering the LicenseRef-', () => {
    expect(hfLicenseToSpdx('llama3.1').name).toBe('Llama 3.1 Community License Agreement');
    expect(hfLicenseToSpdx('other', 'qwen').name).toBe('qwen');
  });

  it('maps only to SPDX ids the server accepts as they are', () => {
    for (const [id, { spdx }] of Object.entries(HUB_LICENSES)) {
      if (!spdx) continue;
      const normalized = normalizeLicense(spdx, id);
      expect({ id, expression: normalized?.expression, corrected: normalized?.corrected }).toEqual({ id, expression: spdx, corrected: false });
    }
  });

  it('produces LicenseRef- keys the server accepts, reusing the demo catalog keys', () => {
    const refs = Object.keys(HUB_LICENSES)
      .map((id) => hfLicenseToSpdx(id).license)
      .filter((l) => l?.startsWith('LicenseRef-'));
    for (const license of refs) expect(license).toMatch(/^LicenseRef-[A-Za-z0-9.-]+$/);
    const demo = JSON.parse(readFileSync(join(__dirname, '../../../../apps/registry/src/demo/demo-catalog.json'), 'utf8')) as { licenses: { key: string }[] };
    const demoKeys = demo.licenses.map((l) => l.key);
    for (const key of ['LicenseRef-llama3.1', 'LicenseRef-llama3.3', 'LicenseRef-gemma']) {
      expect(demoKeys).toContain(key);
      expect(hfLicenseToSpdx(key.replace('LicenseRef-', '')).license).toBe(key);
    }
    expect(hfLicenseToSpdx('other', 'qwen').license).toBe('LicenseRef-qwen');
    expect(demoKeys).toContain('LicenseRef-qwen');
  });
});
