/**
 * The Hub's license ids (huggingface.co/docs/hub/repositories-licenses) with the SPDX id each one
 * means, or null where SPDX has none and the license becomes `LicenseRef-<id>`.
 *
 * Decisions a reviewer should know about:
 * - GPL-family versions map to `-only`: the Hub id does not say "or later", and assuming the
 *   narrower grant is the conservative reading.
 * - `odc-by`, `odbl` and `pddl` name families with a single published version, so they map to it.
 * - Families with several versions (`bsd`, `cc`, `gpl`, `lgpl`, `gfdl`, `openrail`) are not
 *   guessed into one version: they stay `LicenseRef-` and are reported.
 * - The RAIL licenses and vendor model licenses are not on the SPDX list the server validates
 *   against, so they are `LicenseRef-`; the keys `LicenseRef-llama3.1`, `-llama3.3` and `-gemma`
 *   are the ones the demo catalog registers with reviewed terms.
 */
export interface HubLicense {
  spdx: string | null;
  name: string;
  /** The id names a family of licenses, not one text. */
  family?: true;
}

const spdx = (id: string, name: string): HubLicense => ({ spdx: id, name });
const ref = (name: string): HubLicense => ({ spdx: null, name });
const family = (name: string): HubLicense => ({ spdx: null, name, family: true });

export const HUB_LICENSES: Readonly<Record<string, HubLicense>> = {
  'apache-2.0': spdx('Apache-2.0', 'Apache License 2.0'),
  mit: spdx('MIT', 'MIT License'),
  openrail: family('OpenRAIL license family'),
  'bigscience-openrail-m': ref('BigScience OpenRAIL-M'),
  'creativeml-openrail-m': ref('CreativeML OpenRAIL-M'),
  'bigscience-bloom-rail-1.0': ref('BigScience BLOOM RAIL 1.0'),
  'bigcode-openrail-m': ref('BigCode Open RAIL-M v1'),
  'openrail++': ref('Open RAIL++-M License'),
  'afl-3.0': spdx('AFL-3.0', 'Academic Free License v3.0'),
  'artistic-2.0': spdx('Artistic-2.0', 'Artistic License 2.0'),
  'bsl-1.0': spdx('BSL-1.0', 'Boost Software License 1.0'),
  bsd: family('BSD license family'),
  'bsd-2-clause': spdx('BSD-2-Clause', 'BSD 2-Clause "Simplified" License'),
  'bsd-3-clause': spdx('BSD-3-Clause', 'BSD 3-Clause "New" or "Revised" License'),
  'bsd-3-clause-clear': spdx('BSD-3-Clause-Clear', 'BSD 3-Clause Clear License'),
  'c-uda': spdx('C-UDA-1.0', 'Computational Use of Data Agreement'),
  cc: family('Creative Commons license family'),
  'cc0-1.0': spdx('CC0-1.0', 'Creative Commons Zero v1.0 Universal'),
  'cc-by-2.0': spdx('CC-BY-2.0', 'Creative Commons Attribution 2.0'),
  'cc-by-2.5': spdx('CC-BY-2.5', 'Creative Commons Attribution 2.5'),
  'cc-by-3.0': spdx('CC-BY-3.0', 'Creative Commons Attribution 3.0'),
  'cc-by-4.0': spdx('CC-BY-4.0', 'Creative Commons Attribution 4.0'),
  'cc-by-sa-3.0': spdx('CC-BY-SA-3.0', 'Creative Commons Attribution Share Alike 3.0'),
  'cc-by-sa-4.0': spdx('CC-BY-SA-4.0', 'Creative Commons Attribution Share Alike 4.0'),
  'cc-by-nc-2.0': spdx('CC-BY-NC-2.0', 'Creative Commons Attribution Non Commercial 2.0'),
  'cc-by-nc-3.0': spdx('CC-BY-NC-3.0', 'Creative Commons Attribution Non Commercial 3.0'),
  'cc-by-nc-4.0': spdx('CC-BY-NC-4.0', 'Creative Commons Attribution Non Commercial 4.0'),
  'cc-by-nd-4.0': spdx('CC-BY-ND-4.0', 'Creative Commons Attribution No Derivatives 4.0'),
  'cc-by-nc-nd-3.0': spdx('CC-BY-NC-ND-3.0', 'Creative Commons Attribution Non Commercial No Derivatives 3.0'),
  'cc-by-nc-nd-4.0': spdx('CC-BY-NC-ND-4.0', 'Creative Commons Attribution Non Commercial No Derivatives 4.0'),
  'cc-by-nc-sa-2.0': spdx('CC-BY-NC-SA-2.0', 'Creative Commons Attribution Non Commercial Share Alike 2.0'),
  'cc-by-nc-sa-3.0': spdx('CC-BY-NC-SA-3.0', 'Creative Commons Attribution Non Commercial Share Alike 3.0'),
  'cc-by-nc-sa-4.0': spdx('CC-BY-NC-SA-4.0', 'Creative Commons Attribution Non Commercial Share Alike 4.0'),
  'cdla-sharing-1.0': spdx('CDLA-Sharing-1.0', 'Community Data License Agreement – Sharing, Version 1.0'),
  'cdla-permissive-1.0': spdx('CDLA-Permissive-1.0', 'Community Data License Agreement – Permissive, Version 1.0'),
  'cdla-permissive-2.0': spdx('CDLA-Permissive-2.0', 'Community Data License Agreement – Permissive, Version 2.0'),
  wtfpl: spdx('WTFPL', 'Do What The F*ck You Want To Public License'),
  'ecl-2.0': spdx('ECL-2.0', 'Educational Community License v2.0'),
  'epl-1.0': spdx('EPL-1.0', 'Eclipse Public License 1.0'),
  'epl-2.0': spdx('EPL-2.0', 'Eclipse Public License 2.0'),
  'etalab-2.0': spdx('etalab-2.0', 'Etalab Open License 2.0'),
  'eupl-1.1': spdx('EUPL-1.1', 'European Union Public License 1.1'),
  'eupl-1.2': spdx('EUPL-1.2', 'European Union Public License 1.2'),
  'agpl-3.0': spdx('AGPL-3.0-only', 'GNU Affero General Public License v3.0'),
  gfdl: family('GNU Free Documentation License family'),
  gpl: family('GNU General Public License family'),
  'gpl-2.0': spdx('GPL-2.0-only', 'GNU General Public License v2.0'),
  'gpl-3.0': spdx('GPL-3.0-only', 'GNU General Public License v3.0'),
  lgpl: family('GNU Lesser General Public License family'),
  'lgpl-2.1': spdx('LGPL-2.1-only', 'GNU Lesser General Public License v2.1'),
  'lgpl-3.0': spdx('LGPL-3.0-only', 'GNU Lesser General Public License v3.0'),
  isc: spdx('ISC', 'ISC License'),
  'h-research': ref('H Research License'),
  'intel-research': ref('Intel Research Use License Agreement'),
  'lppl-1.3c': spdx('LPPL-1.3c', 'LaTeX Project Public License v1.3c'),
  'ms-pl': spdx('MS-PL', 'Microsoft Public License'),
  'apple-ascl': ref('Apple Sample Code License'),
  'apple-amlr': ref('Apple Model License for Research'),
  'mpl-2.0': spdx('MPL-2.0', 'Mozilla Public License 2.0'),
  'odc-by': spdx('ODC-By-1.0', 'Open Data Commons Attribution License v1.0'),
  odbl: spdx('ODbL-1.0', 'Open Data Commons Open Database License v1.0'),
  'openmdw-1.0': spdx('OpenMDW-1.0', 'OpenMDW License Agreement v1.0'),
  'openmdw-1.1': ref('OpenMDW License Agreement v1.1'),
  'osl-3.0': spdx('OSL-3.0', 'Open Software License 3.0'),
  postgresql: spdx('PostgreSQL', 'PostgreSQL License'),
  'ofl-1.1': spdx('OFL-1.1', 'SIL Open Font License 1.1'),
  ncsa: spdx('NCSA', 'University of Illinois/NCSA Open Source License'),
  unlicense: spdx('Unlicense', 'The Unlicense'),
  zlib: spdx('Zlib', 'zlib License'),
  pddl: spdx('PDDL-1.0', 'Open Data Commons Public Domain Dedication and License'),
  'lgpl-lr': spdx('LGPLLR', 'Lesser General Public License For Linguistic Resources'),
  'deepfloyd-if-license': ref('DeepFloyd IF Research License Agreement'),
  'fair-noncommercial-research-license': ref('FAIR Noncommercial Research License'),
  llama2: ref('Llama 2 Community License Agreement'),
  llama3: ref('Llama 3 Community License Agreement'),
  'llama3.1': ref('Llama 3.1 Community License Agreement'),
  'llama3.2': ref('Llama 3.2 Community License Agreement'),
  'llama3.3': ref('Llama 3.3 Community License Agreement'),
  llama4: ref('Llama 4 Community License Agreement'),
  'grok2-community': ref('Grok 2 Community License Agreement'),
  gemma: ref('Gemma Terms of Use'),
};

/** Hub ids whose characters a LicenseRef- cannot carry, and that would collide once sanitized. */
export const REF_KEY_OVERRIDES: Readonly<Record<string, string>> = {
  'openrail++': 'LicenseRef-openrail-plusplus',
};
