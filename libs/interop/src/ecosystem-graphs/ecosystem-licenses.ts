import { ImportFinding, ImportOptions } from '../import-plan';
import { EcosystemAsset } from './ecosystem-asset';
import { EcosystemRecord } from './duplicates';
import { readLicense } from './license-text';

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
  texts: LicenseText[];
  findings: ImportFinding[];
  /** Distinct LicenseRef- keys the file's models and datasets need. */
  refKeys: number;
  /** Per asset in the file, applications included, so the totals can be checked against the source. */
  counts: { mapped: number; ref: number; unknown: number };
}

/**
 * Reads every asset's license text once. A text that is not SPDX is a LicenseRef- the registry
 * must already hold: its terms are never invented. With `unknownLicenses`, a LicenseRef- it does
 * not hold is recorded as no license, and the text stays in the findings and the evidence.
 * Applications get no license in the registry (a deployment has none), but their texts are
 * counted, so the totals match the file.
 */
export function planLicenses(
  assets: readonly EcosystemAsset[],
  records: readonly EcosystemRecord[],
  publisherOf: (a: EcosystemAsset) => string,
  options: ImportOptions,
): LicensePlan {
  const plan: LicensePlan = { ofAsset: new Map(), texts: [], findings: [], refKeys: 0, counts: { mapped: 0, ref: 0, unknown: 0 } };
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
    const names = users.map((u) => `"${u.name}"`);
    if (registered.length) plan.refKeys++;
    const dropped = options.unknownLicenses && !options.knownLicenseRefs.has(key);
    if (dropped) for (const u of users) plan.ofAsset.delete(u.index);
    plan.findings.push({
      kind: 'license-ref',
      subject: key,
      detail:
        `license text ${JSON.stringify(text)} is not an SPDX expression; used by ${names.join(', ')}` +
        (!registered.length
          ? ' (applications only: not registered)'
          : dropped
            ? '; recorded as unknown (--allow-unknown-license)'
            : `; ${key} must be registered (registerLicense) before the import`),
    });
  }
  return plan;
}
