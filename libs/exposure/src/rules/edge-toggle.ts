import { EdgeRef } from '@pedigree/core';
import { LicenseTerms } from '@pedigree/licensing';
import { breadthFirst, ExposureNode, subjectGraph, upEdges } from './ancestry-graph';
import { ExposureDifference, exposureDifference } from './exposure-change';
import { ExposureExtras, ExposureReport, rollUpExposure } from './exposure.rollup';

export type EdgeChange = 'ASSERTED' | 'RETRACTED';

/** One queued change: an edge asserted or retracted. */
export interface EdgeChangeRef {
  change: EdgeChange;
  edge: EdgeRef;
}

/** The up-edges of a loaded union before and after one transaction's changes, computed once for every subject of a batch. */
export interface ToggledUnion {
  nodes: ReadonlyMap<string, ExposureNode>;
  terms: ReadonlyMap<string, LicenseTerms>;
  before: Map<string, EdgeRef[]>;
  after: Map<string, EdgeRef[]>;
}

/**
 * `edges` are the active edges of a union that holds the changed edges' sources and their ancestry
 * as well as the subjects'. The changes of one transaction are judged together, against the rest
 * of the graph as it is now: before them the retracted edges were there and the asserted ones were
 * not; after them, the reverse. Judged one by one, two edges of one transaction that each add the
 * same vendor would each look redundant, and the vendor's arrival would go unreported. An edge
 * asserted and retracted by the same transaction was never there for anyone else. A later
 * transaction's change is judged on its own: an assertion later retracted gives one event for
 * each, the second undoing the first.
 */
export function toggle(
  nodes: ReadonlyMap<string, ExposureNode>,
  edges: readonly EdgeRef[],
  terms: ReadonlyMap<string, LicenseTerms>,
  changes: readonly EdgeChangeRef[],
): ToggledUnion {
  // An edge under a node outside the union is never walked; leaving it out keeps a slice's cost its own.
  const relevant = changes.filter((c) => nodes.has(c.edge.derivedId));
  const asserted = new Map(relevant.filter((c) => c.change === 'ASSERTED').map((c) => [c.edge.id, c.edge]));
  const retracted = new Map(relevant.filter((c) => c.change === 'RETRACTED').map((c) => [c.edge.id, c.edge]));
  const rest = edges.filter((e) => !asserted.has(e.id) && !retracted.has(e.id));
  const only = (these: Map<string, EdgeRef>, notIn: Map<string, EdgeRef>) => [...these.values()].filter((e) => !notIn.has(e.id));
  return { nodes, terms, before: upEdges([...rest, ...only(retracted, asserted)]), after: upEdges([...rest, ...only(asserted, retracted)]) };
}

export function reportsAround(union: ToggledUnion, rootId: string, extras: ExposureExtras = {}): { before: ExposureReport; after: ExposureReport } {
  const report = (up: Map<string, EdgeRef[]>) => rollUpExposure(subjectGraph(rootId, up, union.nodes), union.terms, extras);
  return { before: report(union.before), after: report(union.after) };
}

/** What the changes did to the subject's countries, vendors, unavoidable vendors and teachers; null if nothing. */
export function differenceAround(union: ToggledUnion, rootId: string, extras: ExposureExtras = {}): ExposureDifference | null {
  const { before, after } = reportsAround(union, rootId, extras);
  return exposureDifference(before, after, (id) => union.nodes.get(id));
}

/**
 * Of a transaction's changes, indexed by the node their edge hangs under, those the subject can
 * owe its difference to: under itself or a node it reaches, before or after the changes. An event
 * names these, not every change of a bulk write.
 */
export function changesAbove<T>(union: ToggledUnion, rootId: string, byDerived: ReadonlyMap<string, readonly T[]>): T[] {
  const reached = new Set([...breadthFirst(rootId, union.before).depth.keys(), ...breadthFirst(rootId, union.after).depth.keys()]);
  return [...reached].flatMap((id) => byDerived.get(id) ?? []);
}
