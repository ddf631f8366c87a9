import { EdgeRef } from '@pedigree/core';
import { ExposureNode, OrgRef } from './ancestry-graph';
import { ExplainedDependency } from './dependencies';
import { DistillationChannel } from './distillation-sources';
import { ExposureReport } from './exposure.rollup';

/** A node as events name it (the subject shape of every event). */
export interface EventNodeRef {
  type: string;
  id: string;
  key: string;
}

/** One node of an explaining path; `relation` is that of the edge from the previous node up to this one (null for the first). */
export interface PathStep extends EventNodeRef {
  relation: string | null;
}

/** Why an item is (or was) in a set: the lineage path from the subject up, and the fact at its end when it is not an ancestor's own. */
export interface Explanation {
  path: PathStep[];
  dependency: { kind: string; detail: string } | null;
}

export interface CountryItem extends Explanation {
  /** ISO alpha-2, or null for ancestors whose country is unknown. */
  country: string | null;
}

export interface VendorItem extends Explanation {
  vendor: { id: string; slug: string; name: string; country: string | null };
}

export interface TeacherItem extends Explanation {
  teacher: EventNodeRef;
  channels: DistillationChannel[];
}

export interface ExposureSetItems {
  countries: CountryItem[];
  vendors: VendorItem[];
  unavoidableVendors: VendorItem[];
  teachers: TeacherItem[];
}

/** The four sets by their members' names: countries, vendor slugs and teacher keys. */
export interface ExposureSetNames {
  countries: (string | null)[];
  vendors: string[];
  unavoidableVendors: string[];
  teachers: string[];
}

/** What an upstream change did to one subject's exposure. */
export interface ExposureDifference {
  added: ExposureSetItems;
  removed: ExposureSetItems;
  before: ExposureSetNames;
  after: ExposureSetNames;
}

/** Nodes of both graphs (before and after), to name the nodes of paths. */
export type NodeLookup = (id: string) => ExposureNode | undefined;

interface Keyed<T> {
  key: string;
  name: string | null;
  item: T;
}

const refOf = (nodes: NodeLookup, id: string): EventNodeRef => {
  const n = nodes(id);
  return { type: n?.kind ?? 'UNKNOWN', id, key: n?.name ?? id };
};

function explanation(rootId: string, path: readonly EdgeRef[], via: ExplainedDependency | null, nodes: NodeLookup): Explanation {
  const steps: PathStep[] = [
    { ...refOf(nodes, rootId), relation: null },
    ...path.map((e) => ({ ...refOf(nodes, e.sourceId), relation: e.relation as string })),
  ];
  return { path: steps, dependency: via ? { kind: via.kind, detail: via.detail } : null };
}

const vendorOf = (o: OrgRef) => ({ id: o.id, slug: o.slug, name: o.name, country: o.country });

/** The sets an `exposure.changed` event compares, each member with what explains it, keyed for comparison. */
function sets(report: ExposureReport, nodes: NodeLookup) {
  const countries: Keyed<CountryItem>[] = report.countries.map((c) => ({
    key: c.country ?? '',
    name: c.country,
    item: { country: c.country, ...explanation(report.rootId, c.path, c.via, nodes) },
  }));
  const vendors: Keyed<VendorItem>[] = report.vendors.map((v) => ({
    key: v.vendor.id,
    name: v.vendor.slug,
    item: { vendor: vendorOf(v.vendor), ...explanation(report.rootId, v.path, v.via, nodes) },
  }));
  const unavoidable = new Set(report.vendors.filter((v) => v.unavoidable).map((v) => v.vendor.id));
  const teachers: Keyed<TeacherItem>[] = report.distillationSources.map((d) => ({
    key: d.nodeId,
    name: refOf(nodes, d.nodeId).key,
    item: { teacher: refOf(nodes, d.nodeId), channels: [...d.channels], ...explanation(report.rootId, d.path, null, nodes) },
  }));
  return { countries, vendors, unavoidableVendors: vendors.filter((v) => unavoidable.has(v.key)), teachers };
}

type Sets = ReturnType<typeof sets>;
const FIELDS = ['countries', 'vendors', 'unavoidableVendors', 'teachers'] as const;

/** Stable order: by name, unknown country last. */
const byName = <T>(a: Keyed<T>, b: Keyed<T>) => (a.name === b.name ? 0 : a.name === null ? 1 : b.name === null ? -1 : a.name < b.name ? -1 : 1);

function minus<T>(a: readonly Keyed<T>[], b: readonly Keyed<T>[]): T[] {
  const keys = new Set(b.map((x) => x.key));
  return a
    .filter((x) => !keys.has(x.key))
    .sort(byName)
    .map((x) => x.item);
}

const difference = (x: Sets, y: Sets): ExposureSetItems => ({
  countries: minus(x.countries, y.countries),
  vendors: minus(x.vendors, y.vendors),
  unavoidableVendors: minus(x.unavoidableVendors, y.unavoidableVendors),
  teachers: minus(x.teachers, y.teachers),
});

const names = (s: Sets): ExposureSetNames => ({
  countries: [...s.countries].sort(byName).map((x) => x.name),
  vendors: [...s.vendors].sort(byName).map((x) => x.name!),
  unavoidableVendors: [...s.unavoidableVendors].sort(byName).map((x) => x.name!),
  teachers: [...s.teachers].sort(byName).map((x) => x.name!),
});

/**
 * The difference between a subject's exposure before and after a change, or null when its countries,
 * vendors, unavoidable vendors and teachers are the same sets (paths or kinds may still differ: an
 * event says what is in the sets, not how each member is reached). A removed member is explained by
 * the report before, an added one by the report after.
 */
export function exposureDifference(before: ExposureReport, after: ExposureReport, nodes: NodeLookup): ExposureDifference | null {
  const b = sets(before, nodes);
  const a = sets(after, nodes);
  const added = difference(a, b);
  const removed = difference(b, a);
  if (FIELDS.every((f) => !added[f].length && !removed[f].length)) return null;
  return { added, removed, before: names(b), after: names(a) };
}
