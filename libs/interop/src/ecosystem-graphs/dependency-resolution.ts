import { ImportFinding } from '../import-plan';
import { nameKey } from './asset-names';
import { EcosystemRecord } from './duplicates';

export interface ResolvedDependency {
  from: EcosystemRecord;
  to: EcosystemRecord;
  /** The reference as written. */
  text: string;
  /** `exact`: the name as written; `normalized`: equal once case, spaces and punctuation are ignored. */
  via: 'exact' | 'normalized';
  /** The name is shared by artifacts of different publishers; the referrer's own publisher decided. */
  byPublisher: boolean;
}

export interface DanglingDependency {
  from: EcosystemRecord;
  text: string;
  /** Labels of the assets it could mean, when it is ambiguous rather than unknown. */
  candidates: string[];
}

export interface DependencyResolution {
  resolved: ResolvedDependency[];
  dangling: DanglingDependency[];
  findings: ImportFinding[];
}

/**
 * Resolves each dependency name: exactly as written first; otherwise by the normalized key, but only
 * when that key belongs to exactly one asset name, because a guess between two assets would put a
 * wrong edge in someone's lineage. A name shared by artifacts of different publishers resolves to
 * the referrer's own publisher's artifact when there is exactly one, and is ambiguous otherwise.
 */
export function resolveDependencies(records: readonly EcosystemRecord[]): DependencyResolution {
  const byName = new Map<string, EcosystemRecord[]>();
  const namesByKey = new Map<string, Set<string>>();
  for (const r of records) {
    byName.set(r.asset.name, [...(byName.get(r.asset.name) ?? []), r]);
    const key = nameKey(r.asset.name);
    namesByKey.set(key, (namesByKey.get(key) ?? new Set()).add(r.asset.name));
  }
  const out: DependencyResolution = { resolved: [], dangling: [], findings: [] };

  for (const from of records) {
    for (const text of from.dependencies) {
      const exact = byName.get(text);
      const names = exact ? [text] : [...(namesByKey.get(nameKey(text)) ?? [])].sort();
      const via = exact ? 'exact' : 'normalized';
      const candidates = names.flatMap((n) => byName.get(n)!);
      const where = `${from.asset.sourceFile}: dependency "${text}"`;
      if (!candidates.length) {
        out.dangling.push({ from, text, candidates: [] });
        out.findings.push({ kind: 'dangling-dependency', subject: from.label, detail: `${where} names no asset in the file; no edge` });
        continue;
      }
      const ownPublisher = candidates.filter((c) => c.publisher === from.publisher);
      const to = candidates.length === 1 ? candidates[0] : names.length === 1 && ownPublisher.length === 1 ? ownPublisher[0] : null;
      if (!to) {
        const labels = candidates.map((c) => c.label);
        out.dangling.push({ from, text, candidates: labels });
        out.findings.push({
          kind: 'ambiguous-dependency',
          subject: from.label,
          detail: `${where} could mean ${labels.map((l) => `"${l}"`).join(' or ')}; no edge`,
        });
        continue;
      }
      const byPublisher = candidates.length > 1;
      out.resolved.push({ from, to, text, via, byPublisher });
      if (via === 'normalized') {
        out.findings.push({
          kind: 'dependency-normalized',
          subject: from.label,
          detail: `${where} matched "${to.asset.name}" ignoring case, spaces and punctuation`,
        });
      }
      if (byPublisher) {
        out.findings.push({
          kind: 'dependency-disambiguated',
          subject: from.label,
          detail: `${where} is the name of ${candidates.length} artifacts; "${to.label}" chosen as the one from the same publisher`,
        });
      }
    }
  }
  return out;
}
