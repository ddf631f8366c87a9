import { ImportFinding } from '../import-plan';
import { EcosystemAsset } from './ecosystem-asset';

/** One record to import: an asset, plus the same-named records folded into it. */
export interface EcosystemRecord {
  /** The record kept: the first in the file. */
  asset: EcosystemAsset;
  /** Later records of the same artifact, whose differences are reported. */
  merged: EcosystemAsset[];
  /** Publisher slug (first organization). */
  publisher: string;
  /** Dependencies of the kept record, then those only the merged ones list. */
  dependencies: string[];
  /** How reports name it: the asset name, with the publisher when several artifacts share the name. */
  label: string;
}

export interface DuplicateName {
  name: string;
  /** Every record of that name, in file order. */
  records: { sourceFile: string; organization: string; publisher: string; type: string }[];
  resolution: 'merged' | 'kept-apart' | 'merged-and-kept-apart';
  detail: string;
}

const COMPARED: readonly (keyof EcosystemAsset)[] = ['organization', 'nationality', 'license', 'access', 'createdDate', 'modality', 'size', 'url'];

/**
 * Same name, same type and same publisher: one artifact described twice, so the records merge (the
 * first wins field by field, every difference is reported, dependencies are united so none is
 * lost). Same name from different publishers: different artifacts ("Dragonfly" by OpenAI and by
 * Together), kept apart; their registry names differ by namespace. Either way nothing is dropped
 * and an auditor can see both records.
 */
export function resolveDuplicates(assets: readonly EcosystemAsset[], publisherOf: (a: EcosystemAsset) => string) {
  const byName = new Map<string, EcosystemAsset[]>();
  for (const a of assets) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
  const records: EcosystemRecord[] = [];
  const duplicates: DuplicateName[] = [];
  const findings: ImportFinding[] = [];
  const done = new Set<string>();
  for (const a of assets) {
    if (done.has(a.name)) continue;
    done.add(a.name);
    const same = byName.get(a.name)!;
    const groups = new Map<string, EcosystemAsset[]>();
    for (const s of same) {
      const key = `${s.type}\u0000${publisherOf(s)}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    const shared = groups.size > 1;
    for (const [first, ...rest] of groups.values()) {
      const dependencies = [...first.dependencies];
      for (const r of rest) for (const d of r.dependencies) if (!dependencies.includes(d)) dependencies.push(d);
      const publisher = publisherOf(first);
      records.push({ asset: first, merged: rest, publisher, dependencies, label: shared ? `${first.name} [${publisher}]` : first.name });
    }
    if (same.length < 2) continue;
    const entry = describe(a.name, same, [...groups.values()], publisherOf);
    duplicates.push(entry);
    findings.push({ kind: 'duplicate-name', subject: a.name, detail: `${entry.resolution}: ${entry.detail}` });
  }
  records.sort((x, y) => x.asset.index - y.asset.index);
  return { records, duplicates, findings };
}

function describe(name: string, same: EcosystemAsset[], groups: EcosystemAsset[][], publisherOf: (a: EcosystemAsset) => string): DuplicateName {
  const parts: string[] = [];
  for (const [first, ...rest] of groups) {
    if (!rest.length) continue;
    for (const r of rest) {
      const diffs = COMPARED.filter((f) => (first[f] ?? '').toString().toLowerCase() !== (r[f] ?? '').toString().toLowerCase()).map(
        (f) => `${f} ${JSON.stringify(first[f])} kept, ${JSON.stringify(r[f])} dropped`,
      );
      const extra = r.dependencies.filter((d) => !first.dependencies.includes(d));
      if (extra.length) diffs.push(`dependencies ${extra.map((d) => `"${d}"`).join(', ')} added from ${r.sourceFile}`);
      parts.push(
        `${r.sourceFile} merged into ${first.sourceFile} (same publisher "${publisherOf(first)}")${diffs.length ? `: ${diffs.join('; ')}` : ', identical'}`,
      );
    }
  }
  const apart = groups.length > 1;
  if (apart) parts.push(`different artifacts kept apart: ${groups.map((g) => `${publisherOf(g[0])}/… ${g[0].type} from ${g[0].sourceFile}`).join(' and ')}`);
  const merged = groups.some((g) => g.length > 1);
  return {
    name,
    records: same.map((s) => ({ sourceFile: s.sourceFile, organization: s.organization, publisher: publisherOf(s), type: s.type })),
    resolution: merged && apart ? 'merged-and-kept-apart' : merged ? 'merged' : 'kept-apart',
    detail: parts.join('. '),
  };
}
