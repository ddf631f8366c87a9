import { ImportFinding, ImportOp } from '../import-plan';
import { describeAsset, EcosystemAsset } from './ecosystem-asset';
import { evidenceFrom } from './ecosystem-evidence';
import { EcosystemRecord } from './duplicates';
import { readLicense } from './license-text';

export const UNREVIEWED = 'Terms not reviewed: imported from ecosystem-graphs free text';

export interface LicenseText {
  text: string;
  kind: 'spdx' | 'ref' | 'unknown';
  /** The SPDX expression or LicenseRef- key; null when unknown. */
  value: string | null;
  /** Assets in the file that carry this text. */
  assets: number;
}

export interface LicensePlan {
  /** The license to put on each asset (by file index); absent when unknown. */
  ofAsset: Map<number, string>;
  /** registerLicense ops for the LicenseRefs that models and datasets use, by key. */
  ops: ImportOp[];
  texts: LicenseText[];
  findings: ImportFinding[];
  /** Per asset in the file, applications included, so the totals can be checked against the source. */
  counts: { mapped: number; ref: number; unknown: number };
}

/**
 * Reads every asset's license text once. A text that is not SPDX becomes a LicenseRef registered
 * with the text verbatim as its name and no commercial use: terms nobody has read must not look
 * permissive. Applications get no license in the registry (a deployment has none), but their
 * texts are counted, so the totals match the file.
 */
export function planLicenses(assets: readonly EcosystemAsset[], records: readonly EcosystemRecord[], publisherOf: (a: EcosystemAsset) => string, source: string): LicensePlan {
  const plan: LicensePlan = { ofAsset: new Map(), ops: [], texts: [], findings: [], counts: { mapped: 0, ref: 0, unknown: 0 } };
  const texts = new Map<string, LicenseText>();
  const keyOwner = new Map<string, string>();
  const refUsers = new Map<string, { text: string; users: EcosystemAsset[] }>();

  for (const asset of assets) {
    const reading = readLicense(asset.license, publisherOf(asset));
    const text = asset.license ?? '';
    let value: string | null = null;
    if (reading.kind === 'spdx') value = reading.expression;
    if (reading.kind === 'ref') {
      // Two texts that reduce to one key must not share terms: the later one gets a suffix.
      const identity = `${reading.key}\u0000${reading.text}`;
      let key = reading.key;
      for (let n = 2; keyOwner.has(key) && keyOwner.get(key) !== identity; n++) key = `${reading.key}-${n}`;
      keyOwner.set(key, identity);
      value = key;
      const users = refUsers.get(key) ?? { text: reading.text, users: [] };
      users.users.push(asset);
      refUsers.set(key, users);
    }
    plan.counts[reading.kind === 'spdx' ? 'mapped' : reading.kind]++;
    if (value) plan.ofAsset.set(asset.index, value);
    const seen = texts.get(`${text}\u0000${value}`) ?? { text, kind: reading.kind, value, assets: 0 };
    seen.assets++;
    texts.set(`${text}\u0000${value}`, seen);
  }
  plan.texts = [...texts.values()].sort((a, b) => b.assets - a.assets || a.text.localeCompare(b.text) || (a.value ?? '').localeCompare(b.value ?? ''));

  const imported = new Set(records.filter((r) => r.asset.type !== 'application').map((r) => r.asset.index));
  for (const [key, { text, users }] of [...refUsers].sort(([a], [b]) => a.localeCompare(b))) {
    const registered = users.filter((u) => imported.has(u.index));
    const first = registered[0];
    const names = users.map((u) => `"${u.name}"`);
    plan.findings.push({
      kind: 'license-ref',
      subject: key,
      detail: `license text ${JSON.stringify(text)} is not an SPDX expression; used by ${names.join(', ')}` + (first ? '' : ' (applications only: not registered)'),
    });
    if (!first) continue;
    plan.ops.push({
      mutation: 'registerLicense',
      label: `license ${key}`,
      input: {
        key,
        name: text,
        commercialUse: false,
        useRestrictions: [UNREVIEWED],
        evidence: evidenceFrom(first, `License text ${JSON.stringify(text)} of ${describeAsset(first, source)}` + (registered.length > 1 ? `, also used by ${registered.length - 1} more` : '') + '. Terms not reviewed.'),
      },
    });
  }
  return plan;
}
