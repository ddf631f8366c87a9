import { EdgeRef } from '@pedigree/core';
import { breadthFirst, carriesWeights, ExposureNode, OrgRef } from './ancestry-graph';
import { ExplainedDependency } from './dependencies';
import { Explained, groupExplained, RollupContext } from './rollup';

export interface VendorExposure extends Explained {
  vendor: OrgRef;
  /** On every weight path from the subject to its weight roots: no alternative route avoids it. */
  unavoidable: boolean;
  /** Trained at least one of the weight roots (base weights trained from scratch). */
  weightRootVendor: boolean;
}

/** Nodes the subject's weights come from that have no weight parents themselves: trained from scratch. */
export function weightRoots(ctx: RollupContext, up: Map<string, EdgeRef[]>): string[] {
  const weights = breadthFirst(ctx.graph.rootId, up, (e) => carriesWeights(e.relation));
  return [...weights.depth.keys()].filter((id) => !(up.get(id) ?? []).some((e) => carriesWeights(e.relation)));
}

/**
 * True when no weight path from the subject reaches a weight root without passing a node that
 * matches. The subject (and, for a checkpoint, its own model) never counts as passing.
 */
export function unavoidable(ctx: RollupContext, up: Map<string, EdgeRef[]>, roots: readonly string[], matches: (n: ExposureNode) => boolean): boolean {
  const isSelf = (id: string) => ctx.states.get(id)?.has('SELF') ?? false;
  const blocked = (id: string) => !isSelf(id) && matches(ctx.graph.nodes.get(id)!);
  const free = breadthFirst(ctx.graph.rootId, up, (e) => carriesWeights(e.relation) && !blocked(e.sourceId));
  return roots.length > 0 && !roots.some((r) => free.depth.has(r) && !blocked(r));
}

/**
 * Vendors of ancestors and of attached dependencies. A vendor is unavoidable on the weight paths as
 * before, or when `servingUnavoidable` names it: it serves every production deployment of the system.
 */
export function vendorRollup(
  ctx: RollupContext,
  up: Map<string, EdgeRef[]>,
  roots: readonly string[],
  deps: readonly ExplainedDependency[] = [],
  servingUnavoidable: ReadonlySet<string> = new Set(),
): VendorExposure[] {
  // The subject trained from scratch is its own weight root; that does not make its vendor an ancestor's.
  const rootVendors = new Set(
    roots
      .filter((r) => !ctx.states.get(r)?.has('SELF'))
      .map((r) => ctx.graph.nodes.get(r)?.vendor?.id)
      .filter(Boolean),
  );
  const byVendor = groupExplained(
    ctx,
    (n) => n.vendor?.id ?? null,
    deps,
    (d) => d.vendor?.id ?? null,
  );
  const vendors = new Map(deps.filter((d) => d.vendor).map((d) => [d.vendor!.id, d.vendor!]));
  const out: VendorExposure[] = [];
  for (const [vendorId, explained] of byVendor) {
    if (vendorId === null) continue;
    const vendor = explained.via ? explained.via.vendor! : (ctx.graph.nodes.get(explained.nearestNodeId)?.vendor ?? vendors.get(vendorId)!);
    // Only ancestors sit on weight paths; a vendor known only through dependencies is never a weight blocker.
    const onLineage = explained.ancestorCount > 0;
    out.push({
      ...explained,
      vendor,
      unavoidable: servingUnavoidable.has(vendorId) || (onLineage && unavoidable(ctx, up, roots, (n) => n.vendor?.id === vendorId)),
      weightRootVendor: rootVendors.has(vendorId),
    });
  }
  return out;
}
