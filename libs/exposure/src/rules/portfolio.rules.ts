import { EdgeRef, NodeKind } from '@pedigree/core';
import { AncestryGraph, breadthFirst, carriesWeights, ExposureNode, OrgRef, upEdges } from './ancestry-graph';
import { attachedDependencies } from './dependency-rollup';
import { DependencyFacts, NO_DEPENDENCY_FACTS } from './dependencies';
import { entryStates, ExposureKind, KIND_ORDER } from './exposure-kind';
import { RollupContext } from './rollup';
import { unavoidable, weightRoots } from './vendor-rollup';

/** One thing in a portfolio: a deployment (what it runs and who serves it) or a model. */
export interface PortfolioMember {
  id: string;
  nodeId: string;
  /** The serving organization rolled up to its ultimate parent; null when self-hosted or for models. */
  provider: OrgRef | null;
  servingCountry: string | null;
}

export interface Share {
  key: string | null;
  label: string;
  count: number;
  share: number;
}

export interface Concentration {
  /** Herfindahl–Hirschman index on the usual 0–10,000 scale: 10,000 is a single supplier. */
  hhi: number;
  shares: Share[];
}

export enum FailureKind {
  VENDOR = 'VENDOR',
  BASE_MODEL = 'BASE_MODEL',
  COUNTRY = 'COUNTRY',
}

export interface SinglePointOfFailure extends Share {
  kind: FailureKind;
  memberIds: string[];
}

/** Shares of members exposed through one kind: weights, distillation, training data, compute, serving, ownership. */
export interface KindShares {
  kind: ExposureKind;
  countries: Share[];
  vendors: Share[];
}

export interface PortfolioReport {
  memberCount: number;
  countries: Share[];
  vendors: Share[];
  byKind: KindShares[];
  weightRootVendors: Concentration;
  /** Null when members are models, which are not served. */
  inferenceProviders: Concentration | null;
  singlePointsOfFailure: SinglePointOfFailure[];
}

const UNKNOWN = 'unknown';

/**
 * Portfolio rollup over the union of the members' ancestries (one graph, loaded once).
 * A member "would be taken down" by X when it has no way around X: X serves it, X is the vendor of
 * the API-only model it calls, or every weight path to its weight roots passes through X.
 */
export function portfolioOf(
  members: readonly PortfolioMember[],
  graph: Pick<AncestryGraph, 'nodes' | 'edges'>,
  top = 10,
  withProviders = true,
  facts: DependencyFacts = NO_DEPENDENCY_FACTS,
): PortfolioReport {
  const up = upEdges(graph.edges);
  const countries = new Tally();
  const vendors = new Tally();
  const kindCountries = new Map(KIND_ORDER.map((k) => [k, new Tally()]));
  const kindVendors = new Map(KIND_ORDER.map((k) => [k, new Tally()]));
  const rootVendors = new Tally();
  const providers = new Tally();
  const failures = new Map<string, { kind: FailureKind; key: string; label: string; members: Set<string> }>();
  const fail = (kind: FailureKind, key: string, label: string, member: string) => {
    const id = `${kind}:${key}`;
    const f = failures.get(id) ?? failures.set(id, { kind, key, label, members: new Set() }).get(id)!;
    f.members.add(member);
  };

  for (const m of members) {
    const ctx: RollupContext = {
      graph: { rootId: m.nodeId, nodes: graph.nodes, edges: graph.edges },
      reach: breadthFirst(m.nodeId, up),
      states: entryStates(m.nodeId, up),
    };
    const reached = [...ctx.reach.depth.keys()].map((id) => graph.nodes.get(id)).filter((n): n is ExposureNode => !!n);
    const subject = graph.nodes.get(m.nodeId);
    const deps = attachedDependencies(ctx, facts);
    const memberCountries = [...reached.map((n) => n.country), ...(m.servingCountry ? [m.servingCountry] : []), ...deps.map((d) => d.country)];
    countries.addSet(
      m.id,
      memberCountries.map((c) => [c ?? UNKNOWN, c ?? UNKNOWN]),
    );
    vendors.addSet(
      m.id,
      [...reached.filter((n) => n.kind !== NodeKind.CHECKPOINT).map((n) => n.vendor), ...(m.provider ? [m.provider] : []), ...deps.map((d) => d.vendor)].map(
        (v) => [v?.id ?? UNKNOWN, v?.name ?? UNKNOWN],
      ),
    );
    // Per kind: lineage kinds from how each node is reached (the member's own weights count as WEIGHTS),
    // compute and ownership from attached dependencies, serving from the member itself.
    const perKind = new Map<ExposureKind, { countries: (string | null)[]; vendors: (OrgRef | null)[] }>();
    const add = (k: ExposureKind, country: string | null, vendor: OrgRef | null | undefined) => {
      const e = perKind.get(k) ?? perKind.set(k, { countries: [], vendors: [] }).get(k)!;
      e.countries.push(country);
      if (vendor !== undefined) e.vendors.push(vendor);
    };
    for (const n of reached) {
      const states = ctx.states.get(n.id)!;
      for (const k of KIND_ORDER) {
        if (states.has(k) || (k === ExposureKind.WEIGHTS && states.has('SELF'))) add(k, n.country, n.kind === NodeKind.CHECKPOINT ? undefined : n.vendor);
      }
    }
    for (const d of deps) add(d.kind, d.country, d.vendor);
    if (withProviders && (m.provider || m.servingCountry)) add(ExposureKind.SERVING, m.servingCountry, m.provider);
    for (const [k, e] of perKind) {
      kindCountries.get(k)!.addSet(
        m.id,
        e.countries.map((c) => [c ?? UNKNOWN, c ?? UNKNOWN]),
      );
      kindVendors.get(k)!.addSet(
        m.id,
        e.vendors.map((v) => [v?.id ?? UNKNOWN, v?.name ?? UNKNOWN]),
      );
    }

    const roots = weightRoots(ctx, up);
    const rootVendorList = [...new Map(roots.map((r) => graph.nodes.get(r)?.vendor).map((v) => [v?.id ?? UNKNOWN, v?.name ?? UNKNOWN])).entries()];
    // No weight roots only happens on corrupt (cyclic) data; count the member as unknown rather than lose it.
    rootVendors.addSplit(rootVendorList.length ? rootVendorList : [[UNKNOWN, UNKNOWN]]);
    if (withProviders) providers.addSplit([[m.provider?.id ?? 'self-hosted', m.provider?.name ?? 'self-hosted']]);

    // Serving and API dependencies take a member down directly.
    if (m.provider) fail(FailureKind.VENDOR, m.provider.id, m.provider.name, m.id);
    if (m.servingCountry) fail(FailureKind.COUNTRY, m.servingCountry, m.servingCountry, m.id);
    // The model the member uses is its own single point of failure: its vendor can change its terms,
    // withdraw an API, or stop serving it (for a checkpoint, that is the checkpoint's model).
    const own =
      [...ctx.states]
        .filter(([, s]) => s.has('SELF'))
        .map(([id]) => graph.nodes.get(id))
        .find((n) => n?.kind === NodeKind.MODEL) ?? subject;
    if (own) {
      if (own.vendor) fail(FailureKind.VENDOR, own.vendor.id, own.vendor.name, m.id);
      if (own.country) fail(FailureKind.COUNTRY, own.country, own.country, m.id);
      if (own.kind === NodeKind.MODEL) fail(FailureKind.BASE_MODEL, own.id, own.name, m.id);
    }
    // Weight dependencies with no alternative route.
    const weightNodes = [...breadthFirst(m.nodeId, up, (e: EdgeRef) => carriesWeights(e.relation)).depth.keys()]
      .filter((id) => !ctx.states.get(id)?.has('SELF'))
      .map((id) => graph.nodes.get(id))
      .filter((n): n is ExposureNode => !!n);
    for (const v of new Map(weightNodes.filter((n) => n.vendor).map((n) => [n.vendor!.id, n.vendor!])).values()) {
      if (unavoidable(ctx, up, roots, (n) => n.vendor?.id === v.id)) fail(FailureKind.VENDOR, v.id, v.name, m.id);
    }
    for (const c of new Set(weightNodes.map((n) => n.country).filter((c): c is string => !!c))) {
      if (unavoidable(ctx, up, roots, (n) => n.country === c)) fail(FailureKind.COUNTRY, c, c, m.id);
    }
    for (const n of weightNodes) {
      if (unavoidable(ctx, up, roots, (x) => x.id === n.id)) fail(FailureKind.BASE_MODEL, n.id, n.name, m.id);
    }
  }

  const total = members.length;
  const spof = [...failures.values()]
    .map((f) => ({
      kind: f.kind,
      key: f.key,
      label: f.label,
      count: f.members.size,
      share: ratio(f.members.size, total),
      memberIds: [...f.members].slice(0, 5),
    }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label))
    .slice(0, top);
  return {
    memberCount: total,
    countries: countries.shares(total),
    vendors: vendors.shares(total),
    byKind: KIND_ORDER.map((kind) => ({ kind, countries: kindCountries.get(kind)!.shares(total), vendors: kindVendors.get(kind)!.shares(total) })).filter(
      (k) => k.countries.length || k.vendors.length,
    ),
    weightRootVendors: rootVendors.concentration(total),
    inferenceProviders: withProviders ? providers.concentration(total) : null,
    singlePointsOfFailure: spof,
  };
}

const ratio = (count: number, total: number) => (total ? count / total : 0);

/** Counts members per key (each member once per key) or splits one unit of weight across keys. */
class Tally {
  private readonly counts = new Map<string, { label: string; value: number }>();

  addSet(_member: string, entries: [string, string][]): void {
    for (const [key, label] of new Map(entries)) this.add(key, label, 1);
  }

  addSplit(entries: [string, string][]): void {
    const unique = [...new Map(entries)];
    for (const [key, label] of unique) this.add(key, label, 1 / unique.length);
  }

  private add(key: string, label: string, value: number): void {
    const c = this.counts.get(key) ?? this.counts.set(key, { label, value: 0 }).get(key)!;
    c.value += value;
  }

  shares(total: number): Share[] {
    return [...this.counts]
      .map(([key, c]) => ({ key: key === UNKNOWN ? null : key, label: c.label, count: round(c.value), share: ratio(c.value, total) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }

  concentration(total: number): Concentration {
    const shares = this.shares(total);
    return { hhi: round(shares.reduce((sum, s) => sum + (100 * s.share) ** 2, 0)), shares };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
