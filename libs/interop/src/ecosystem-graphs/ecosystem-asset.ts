import { invalidInput, isHttpUrl } from '@pedigree/core';
import { ImportFinding } from '../import-plan';

export type AssetType = 'model' | 'dataset' | 'application';
const TYPES: readonly AssetType[] = ['model', 'dataset', 'application'];

/** One ecosystem-graphs asset, with every field reduced to text (or null) as far as it can be. */
export interface EcosystemAsset {
  /** Position in the file: the tie-breaker that keeps every ordering deterministic. */
  index: number;
  name: string;
  type: AssetType;
  organization: string;
  nationality: string | null;
  license: string | null;
  access: string | null;
  createdDate: string | null;
  modality: string | null;
  size: string | null;
  url: string | null;
  adaptation: string | null;
  /** Names of other assets, trimmed, in file order, without repeats. */
  dependencies: string[];
  sourceFile: string;
}

/**
 * ecosystem-graphs lets any field be `{explanation, value}` instead of a plain value. The value is
 * the fact; the explanation is kept in a finding when it says something a reviewer should see.
 */
interface Explained {
  explanation?: unknown;
  value?: unknown;
}

function isExplained(v: unknown): v is Explained {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Plain text of a field, or null when absent, empty or not text. */
export function fieldText(v: unknown): string | null {
  if (isExplained(v)) return fieldText(v.value);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t ? t : null;
}

function explanation(v: unknown): string | null {
  return isExplained(v) && typeof v.explanation === 'string' && v.explanation.trim() ? v.explanation.trim() : null;
}

/**
 * Reads the file's `assets` (or a bare array). A malformed file is an error; a malformed asset is
 * a finding and is skipped, so one bad record does not hide the other 638.
 */
export function parseAssets(json: unknown, source: string): { assets: EcosystemAsset[]; findings: ImportFinding[] } {
  const list = Array.isArray(json)
    ? json
    : isExplained(json) && Array.isArray((json as { assets?: unknown }).assets)
      ? (json as { assets: unknown[] }).assets
      : null;
  if (!list) throw invalidInput(source, 'is not an ecosystem-graphs export', 'a JSON object with an "assets" array, or an array of assets');
  const assets: EcosystemAsset[] = [];
  const findings: ImportFinding[] = [];
  list.forEach((raw, index) => {
    const r = (isExplained(raw) ? raw : {}) as Record<string, unknown>;
    const name = fieldText(r.name);
    const type = fieldText(r.type)?.toLowerCase() as AssetType | undefined;
    if (!name || !type || !TYPES.includes(type)) {
      findings.push({
        kind: 'invalid-asset',
        subject: `assets[${index}]`,
        detail: `skipped: needs a name and a type of ${TYPES.join(', ')}; got ${JSON.stringify(raw)?.slice(0, 200)}`,
      });
      return;
    }
    const sourceFile = fieldText(r.source_file) ?? 'no source_file';
    const deps = dependencyNames(r.dependencies);
    for (const bad of deps.rejected) {
      findings.push({ kind: 'invalid-dependency', subject: name, detail: `${sourceFile}: dependency ${JSON.stringify(bad)} is not a name; skipped` });
    }
    for (const repeated of deps.repeated) {
      findings.push({ kind: 'duplicate-dependency', subject: name, detail: `${sourceFile}: "${repeated}" is listed more than once; read once` });
    }
    const why = explanation(r.dependencies);
    if (why)
      findings.push({
        kind: 'dependency-explanation',
        subject: name,
        detail: `${sourceFile}: dependencies read from "value" (${deps.names.length} names); the file explains: ${why}`,
      });
    assets.push({
      index,
      name,
      type,
      organization: fieldText(r.organization) ?? '',
      nationality: fieldText(r.nationality),
      license: fieldText(r.license),
      access: fieldText(r.access),
      createdDate: fieldText(r.created_date) ?? explanation(r.created_date),
      modality: fieldText(r.modality),
      size: fieldText(r.size),
      url: fieldText(r.url),
      adaptation: fieldText(r.adaptation),
      dependencies: deps.names,
      sourceFile,
    });
  });
  return { assets, findings };
}

function dependencyNames(v: unknown): { names: string[]; rejected: unknown[]; repeated: string[] } {
  const list = isExplained(v) ? v.value : v;
  const out = { names: [] as string[], rejected: [] as unknown[], repeated: [] as string[] };
  if (list === null || list === undefined) return out;
  if (!Array.isArray(list)) return { ...out, rejected: [list] };
  for (const item of list) {
    const name = typeof item === 'string' ? item.trim() : '';
    if (!name) out.rejected.push(item);
    else if (out.names.includes(name)) out.repeated.push(name);
    else out.names.push(name);
  }
  return out;
}

/** The asset's page, when it is an http(s) URL: evidence may only point at a fetchable document. */
export function documentUrl(asset: Pick<EcosystemAsset, 'url'>): string | null {
  return asset.url && isHttpUrl(asset.url) ? asset.url : null;
}

/** How evidence and findings name an asset, so an auditor can find the record in the file. */
export function describeAsset(asset: Pick<EcosystemAsset, 'name' | 'type' | 'sourceFile'>, source: string): string {
  return `ecosystem-graphs ${asset.type} "${asset.name}" (${asset.sourceFile}) in ${source}`;
}
