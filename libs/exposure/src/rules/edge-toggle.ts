import { EdgeRef } from '@pedigree/core';
import { LicenseTerms } from '@pedigree/licensing';
import { ExposureNode, subjectGraph, upEdges } from './ancestry-graph';
import { ExposureDifference, exposureDifference } from './exposure-change';
import { ExposureExtras, ExposureReport, rollUpExposure } from './exposure.rollup';

export type EdgeChange = 'ASSERTED' | 'RETRACTED';

/** The up-edges of a loaded union with and without one edge, computed once for every subject of a batch. */
export interface ToggledUnion {
  nodes: ReadonlyMap<string, ExposureNode>;
  terms: ReadonlyMap<string, LicenseTerms>;
  withEdge: Map<string, EdgeRef[]>;
  withoutEdge: Map<string, EdgeRef[]>;
}

/**
 * `edges` are the active edges of a union that holds the edge's source and its ancestry as well as
 * the subjects'. The edge is added or left out whatever its current state, so each queued change is
 * judged on its own against the rest of the graph as it is now: an assertion later retracted gives
 * one event for each, the second undoing the first.
 */
export function toggle(
  nodes: ReadonlyMap<string, ExposureNode>,
  edges: readonly EdgeRef[],
  terms: ReadonlyMap<string, LicenseTerms>,
  edge: EdgeRef,
): ToggledUnion {
  const without = edges.filter((e) => e.id !== edge.id);
  return { nodes, terms, withEdge: upEdges([...without, edge]), withoutEdge: upEdges(without) };
}

export function reportsAround(
  union: ToggledUnion,
  rootId: string,
  change: EdgeChange,
  extras: ExposureExtras = {},
): { before: ExposureReport; after: ExposureReport } {
  const report = (up: Map<string, EdgeRef[]>) => rollUpExposure(subjectGraph(rootId, up, union.nodes), union.terms, extras);
  const [withEdge, withoutEdge] = [report(union.withEdge), report(union.withoutEdge)];
  return change === 'RETRACTED' ? { before: withEdge, after: withoutEdge } : { before: withoutEdge, after: withEdge };
}

/** What the change did to the subject's countries, vendors, unavoidable vendors and teachers; null if nothing. */
export function differenceAround(union: ToggledUnion, rootId: string, change: EdgeChange, extras: ExposureExtras = {}): ExposureDifference | null {
  const { before, after } = reportsAround(union, rootId, change, extras);
  return exposureDifference(before, after, (id) => union.nodes.get(id));
}
