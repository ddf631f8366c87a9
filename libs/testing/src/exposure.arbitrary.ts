import { EdgeRef, NodeKind, Relation } from '@pedigree/core';
import fc from 'fast-check';

/**
 * Random ancestries for the exposure rollup's property tests, and a reference answer computed
 * from them by plain reachability, independently of the rollup's breadth-first search and entry
 * states. The shapes are structurally the exposure rules' AncestryGraph, which this library cannot
 * import (the exposure lib's entry point loads Nest).
 */

export interface ExposureOrg {
  id: string;
  slug: string;
  name: string;
  country: string | null;
}

export interface ExposureDagNode {
  id: string;
  kind: NodeKind;
  name: string;
  access: string | null;
  country: string | null;
  publisher: ExposureOrg | null;
  vendor: ExposureOrg | null;
  license: string | null;
}

export interface ExposureDag {
  rootId: string;
  nodes: Map<string, ExposureDagNode>;
  edges: EdgeRef[];
}

/** No CHECKPOINT_OF: it makes a checkpoint's model part of the subject, which the reference below does not model. */
const RELATIONS = [
  Relation.FINETUNE,
  Relation.MERGE,
  Relation.ADAPTER,
  Relation.QUANTIZATION,
  Relation.DISTILLATION,
  Relation.TRAINED_ON,
  Relation.GENERATED_BY,
  Relation.AUXILIARY,
];
const COUNTRIES = ['US', 'CN', 'FR', 'GB', null];
/** Vendor 6 stands for a node whose publisher is unknown. */
const VENDORS = 7;

const node = fc.record({ vendor: fc.nat({ max: VENDORS - 1 }), dataset: fc.integer({ min: 0, max: 99 }), mit: fc.boolean() });
const edge = fc.record({ from: fc.nat(), to: fc.nat(), relation: fc.constantFrom(...RELATIONS) });

/**
 * Node 0 is the subject. Edges run from a lower to a higher index (a DAG), with parallel edges
 * (merges) and, in about one graph in five, a back-edge to the subject: the rules must still
 * terminate and give real paths on corrupt data.
 */
export function exposureDagArbitrary(): fc.Arbitrary<ExposureDag> {
  return fc
    .record({
      nodes: fc.array(node, { minLength: 3, maxLength: 42 }),
      edges: fc.array(edge, { maxLength: 120 }),
      backEdge: fc.integer({ min: 0, max: 4 }).map((x) => x === 4),
    })
    .map(({ nodes: specs, edges: edgeSpecs, backEdge }) => {
      const n = specs.length;
      const nodes = new Map<string, ExposureDagNode>();
      specs.forEach((s, i) => {
        const vendor =
          s.vendor === VENDORS - 1 ? null : { id: `v${s.vendor}`, slug: `v${s.vendor}`, name: `v${s.vendor}`, country: COUNTRIES[s.vendor % COUNTRIES.length] };
        const kind = i > 0 && s.dataset < 15 ? NodeKind.DATASET : NodeKind.MODEL;
        nodes.set(String(i), {
          id: String(i),
          kind,
          name: `n${i}`,
          access: null,
          country: vendor?.country ?? null,
          publisher: vendor,
          vendor,
          license: s.mit ? 'MIT' : 'CC-BY-NC-4.0',
        });
      });
      const edges: EdgeRef[] = [];
      for (const e of edgeSpecs) {
        const derived = e.from % (n - 1);
        const source = derived + 1 + (e.to % (n - derived - 1));
        edges.push({ id: String(edges.length + 1), derivedId: String(derived), sourceId: String(source), relation: e.relation });
      }
      if (backEdge) edges.push({ id: String(edges.length + 1), derivedId: String(n - 1), sourceId: '0', relation: Relation.FINETUNE });
      return { rootId: '0', nodes, edges };
    });
}

export interface ExpectedExposure {
  /** Countries of every ancestor (null for an unknown country), sorted. */
  countries: (string | null)[];
  /** Vendor ids of every ancestor that has one, sorted. */
  vendorIds: string[];
  /** Sources of every DISTILLATION or GENERATED_BY edge leaving the subject or an ancestor, sorted. */
  teacherIds: string[];
  /** Sources of every AUXILIARY edge leaving the subject or an ancestor, sorted. */
  auxiliaryIds: string[];
}

const sorted = <T>(items: Iterable<T>) => [...new Set(items)].sort((a, b) => String(a).localeCompare(String(b)));

/** What a rollup must report for `g`, by a fixed-point over the edge list (no queue, no depths). */
export function expectedExposure(g: ExposureDag): ExpectedExposure {
  const reached = new Set([g.rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of g.edges) {
      if (reached.has(e.derivedId) && !reached.has(e.sourceId)) {
        reached.add(e.sourceId);
        grew = true;
      }
    }
  }
  const ancestors = [...reached].filter((id) => id !== g.rootId).map((id) => g.nodes.get(id)!);
  const teaching = new Set<Relation>([Relation.DISTILLATION, Relation.GENERATED_BY]);
  return {
    countries: sorted(ancestors.map((a) => a.country)),
    vendorIds: sorted(ancestors.flatMap((a) => (a.vendor ? [a.vendor.id] : []))),
    teacherIds: sorted(g.edges.filter((e) => teaching.has(e.relation) && reached.has(e.derivedId)).map((e) => e.sourceId)),
    auxiliaryIds: sorted(g.edges.filter((e) => e.relation === Relation.AUXILIARY && reached.has(e.derivedId)).map((e) => e.sourceId)),
  };
}
