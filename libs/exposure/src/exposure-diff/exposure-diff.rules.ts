import { countryName } from '@pedigree/core';
import type { ExposureNode } from '../rules/ancestry-graph';
import type { ExposureView } from '../model-exposure/exposure.view';

export enum DiffAspect {
  COUNTRY = 'COUNTRY',
  VENDOR = 'VENDOR',
  UNAVOIDABLE_VENDOR = 'UNAVOIDABLE_VENDOR',
  TEACHER = 'TEACHER',
  LICENSE = 'LICENSE',
  DRIFT = 'DRIFT',
}

export enum DiffChange {
  APPEARED = 'APPEARED',
  DISAPPEARED = 'DISAPPEARED',
}

/** The kinds of claim whose recording can change an exposure. */
export enum ClaimKind {
  EDGE_ASSERTED = 'EDGE_ASSERTED',
  EDGE_RETRACTED = 'EDGE_RETRACTED',
  STAKE_RECORDED = 'STAKE_RECORDED',
  STAKE_RETRACTED = 'STAKE_RETRACTED',
  MODEL_FACTS = 'MODEL_FACTS',
  DATASET_FACTS = 'DATASET_FACTS',
  ORGANIZATION_FACTS = 'ORGANIZATION_FACTS',
}

/** One thing an exposure reports, with what explains it: its path's edges, the nodes it rests on and their organizations. */
export interface DiffItem {
  aspect: DiffAspect;
  key: string;
  label: string;
  edgeIds: string[];
  nodeIds: string[];
  organizationIds: string[];
}

/** A claim recorded in the window: an edge or a stake (id), or a new version of a model's, dataset's or organization's facts. */
export interface ClaimChange {
  kind: ClaimKind;
  claimId: string;
  recordedAt: Date;
  /** The edge asserted or retracted. */
  edge?: { id: string; derivedId: string; sourceId: string };
  /** The nodes whose facts the version changed (a model's checkpoints speak for it). */
  nodeIds?: string[];
  /** A stake's owner and owned organization, or the organization whose facts changed. */
  organizationIds?: string[];
  /** The model, dataset or organization whose facts the version changed. */
  subjectId?: string;
}

export interface DiffEntry {
  aspect: DiffAspect;
  change: DiffChange;
  key: string;
  label: string;
  causes: ClaimChange[];
}

/**
 * The items of one exposure, each aspect keyed so the same thing compares equal at two moments, with
 * what explains it: its path's edges, the node it comes from (nearest ancestor, dependency, teacher,
 * license holder, drifting pair) and those nodes' publishers and vendors.
 */
export function exposureItems(view: ExposureView, nodes: ReadonlyMap<string, ExposureNode>): DiffItem[] {
  const support = (nodeIds: (string | null | undefined)[], path: { id: string }[], orgIds: (string | null)[] = []) => {
    // The nodes the item comes from, not every node on its path: a path's middle is explained by its edges.
    const ids = new Set<string>(nodeIds.filter((id): id is string => !!id));
    const orgs = new Set(orgIds.filter((id): id is string => !!id));
    for (const id of ids) for (const o of [nodes.get(id)?.publisher?.id, nodes.get(id)?.vendor?.id]) if (o) orgs.add(o);
    return { edgeIds: path.map((e) => e.id), nodeIds: [...ids], organizationIds: [...orgs] };
  };
  const items: DiffItem[] = [];
  for (const c of view.countries) {
    const key = c.country ?? 'UNKNOWN';
    const label = c.country ? `${countryName(c.country) ?? c.country} (${c.country})` : 'unknown country';
    items.push({ aspect: DiffAspect.COUNTRY, key, label, ...support([c.nearestId, c.via?.nodeId], c.path, [c.via?.organizationId ?? null]) });
  }
  for (const v of view.vendors) {
    const base = { key: v.vendorId, label: v.vendorName, ...support([v.nearestId, v.via?.nodeId], v.path, [v.vendorId]) };
    items.push({ aspect: DiffAspect.VENDOR, ...base });
    if (v.unavoidable) items.push({ aspect: DiffAspect.UNAVOIDABLE_VENDOR, ...base });
  }
  for (const t of view.distillationSources) {
    items.push({ aspect: DiffAspect.TEACHER, key: t.teacherId, label: t.name, ...support([t.teacherId], [...t.path, ...t.teachingEdges]) });
  }
  for (const l of view.licenses) items.push({ aspect: DiffAspect.LICENSE, key: l.expression, label: l.expression, ...support(l.holderIds, []) });
  for (const d of view.licenseDrift) {
    const label = `${nodes.get(d.derivedId)?.name ?? d.derivedId} drops ${d.ancestorLicense ?? 'the license'} of ${nodes.get(d.ancestorId)?.name ?? d.ancestorId} (${d.reason})`;
    items.push({ aspect: DiffAspect.DRIFT, key: `${d.derivedId}:${d.ancestorId}:${d.reason}`, label, ...support([d.derivedId, d.ancestorId], d.path) });
  }
  return items;
}

const EDGE_CLAIMS = new Set([ClaimKind.EDGE_ASSERTED, ClaimKind.EDGE_RETRACTED]);
const intersects = (a: readonly string[] | undefined, b: ReadonlySet<string>) => (a ?? []).some((x) => b.has(x));

/**
 * Whether a claim explains an item: an edge on its path (an item without a path, a license,
 * by an edge into one of its nodes), a fact version of one of its nodes, a stake or a fact
 * version of one of its organizations. What vanished is explained from its earlier exposure (its
 * retracted edge), what appeared from its later one.
 */
function explains(c: ClaimChange, edges: ReadonlySet<string>, nodeIds: ReadonlySet<string>, orgs: ReadonlySet<string>): boolean {
  if (EDGE_CLAIMS.has(c.kind)) return edges.size ? edges.has(c.edge!.id) : nodeIds.has(c.edge!.sourceId);
  return intersects(c.nodeIds, nodeIds) || intersects(c.organizationIds, orgs);
}

/**
 * What appeared and what disappeared between two exposures, per aspect, each with the claims
 * recorded in between that explain it, oldest first. An item whose cause lies off its
 * explanation (another route closing) lists none rather than a guess.
 */
export function diffExposure(before: readonly DiffItem[], after: readonly DiffItem[], claims: readonly ClaimChange[]): DiffEntry[] {
  const id = (i: DiffItem) => `${i.aspect}\u0000${i.key}`;
  const was = new Map(before.map((i) => [id(i), i]));
  const is = new Map(after.map((i) => [id(i), i]));
  const entry = (item: DiffItem, change: DiffChange): DiffEntry => {
    const [edges, nodeIds, orgs] = [new Set(item.edgeIds), new Set(item.nodeIds), new Set(item.organizationIds)];
    const causes = claims.filter((c) => explains(c, edges, nodeIds, orgs)).sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
    return { aspect: item.aspect, change, key: item.key, label: item.label, causes };
  };
  const out: DiffEntry[] = [];
  for (const [k, item] of is) if (!was.has(k)) out.push(entry(item, DiffChange.APPEARED));
  for (const [k, item] of was) if (!is.has(k)) out.push(entry(item, DiffChange.DISAPPEARED));
  const order = Object.values(DiffAspect);
  return out.sort((a, b) => order.indexOf(a.aspect) - order.indexOf(b.aspect) || a.change.localeCompare(b.change) || a.key.localeCompare(b.key));
}
