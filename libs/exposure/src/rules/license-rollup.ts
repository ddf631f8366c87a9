import { EdgeRef } from '@pedigree/core';
import {
  forbidsDerivatives,
  isNonCommercial,
  isShareAlike,
  LicenseProfile,
  licenseProfile,
  LicenseTerms,
  Obligation,
  useRestrictions,
} from '@pedigree/licensing';
import { breadthFirst, carriesWeights, pathTo } from './ancestry-graph';
import { ExposureKind, kindsOf } from './exposure-kind';
import { ancestors, RollupContext } from './rollup';

export interface InheritedLicense {
  expression: string;
  known: boolean;
  kinds: ExposureKind[];
  nodeIds: string[];
}

export interface InheritedObligation extends Obligation {
  kinds: ExposureKind[];
  nodeIds: string[];
}

export enum DriftReason {
  NON_COMMERCIAL_DROPPED = 'NON_COMMERCIAL_DROPPED',
  SHARE_ALIKE_DROPPED = 'SHARE_ALIKE_DROPPED',
  DERIVATIVES_FORBIDDEN = 'DERIVATIVES_FORBIDDEN',
  USE_RESTRICTIONS_DROPPED = 'USE_RESTRICTIONS_DROPPED',
}

export interface LicenseDrift {
  derivedId: string;
  ancestorId: string;
  reason: DriftReason;
  /** Weight path from the derived node up to the ancestor whose terms it drops. */
  path: EdgeRef[];
}

/** For each reason: does the ancestor impose it, and does the derived license honour it? */
const CONSTRAINTS: [DriftReason, (ancestor: LicenseProfile, derived: LicenseProfile) => boolean][] = [
  [DriftReason.NON_COMMERCIAL_DROPPED, (a, d) => isNonCommercial(a) && !isNonCommercial(d)],
  [DriftReason.SHARE_ALIKE_DROPPED, (a, d) => isShareAlike(a) && !isShareAlike(d)],
  // Any derivative of a no-derivatives work breaks it, whatever the derivative declares.
  [DriftReason.DERIVATIVES_FORBIDDEN, (a) => forbidsDerivatives(a)],
  // Pass-through means every ancestor restriction reappears in the derived license.
  [
    DriftReason.USE_RESTRICTIONS_DROPPED,
    (a, d) => {
      const carried = new Set(useRestrictions(d).map((o) => o.text));
      return useRestrictions(a).some((o) => !carried.has(o.text));
    },
  ],
];

export function licenseRollup(ctx: RollupContext, terms: ReadonlyMap<string, LicenseTerms>) {
  const profiles = new Map<string, LicenseProfile>();
  for (const [id, node] of ctx.graph.nodes) profiles.set(id, licenseProfile(node.license, terms));

  const licenses = new Map<string, InheritedLicense & { kindSet: Set<ExposureKind> }>();
  const obligations = new Map<string, InheritedObligation & { kindSet: Set<ExposureKind> }>();
  for (const node of ancestors(ctx)) {
    if (!node.license) continue;
    const kinds = kindsOf(ctx.states.get(node.id));
    const profile = profiles.get(node.id)!;
    const lic = licenses.get(node.license) ?? { expression: node.license, known: profile.known, kinds: [], kindSet: new Set(), nodeIds: [] };
    lic.nodeIds.push(node.id);
    kinds.forEach((k) => lic.kindSet.add(k));
    licenses.set(node.license, lic);
    for (const o of profile.obligations) {
      const key = `${o.kind}|${o.license}|${o.text}`;
      const entry = obligations.get(key) ?? { ...o, kinds: [], kindSet: new Set(), nodeIds: [] };
      entry.nodeIds.push(node.id);
      kinds.forEach((k) => entry.kindSet.add(k));
      obligations.set(key, entry);
    }
  }
  const finish = <T extends { kindSet: Set<ExposureKind>; kinds: ExposureKind[] }>(m: Map<string, T>) =>
    [...m.values()].map(({ kindSet, ...rest }) => ({ ...rest, kinds: kindsOf(new Set(kindSet)) }));

  return { licenses: finish(licenses), obligations: finish(obligations), drift: licenseDrift(ctx, profiles) };
}

/**
 * A node whose declared license drops a constraint that a weight ancestor's license imposes. For
 * each node and constraint the nearest such ancestor is reported; unknown licenses are skipped.
 */
export function licenseDrift(ctx: RollupContext, profiles: ReadonlyMap<string, LicenseProfile>): LicenseDrift[] {
  const up = new Map<string, EdgeRef[]>();
  for (const e of ctx.graph.edges) if (carriesWeights(e.relation)) (up.get(e.derivedId) ?? up.set(e.derivedId, []).get(e.derivedId)!).push(e);
  const inWeights = breadthFirst(ctx.graph.rootId, up);
  const drift: LicenseDrift[] = [];
  for (const derivedId of inWeights.depth.keys()) {
    const own = profiles.get(derivedId);
    if (!own?.known) continue;
    const reach = breadthFirst(derivedId, up);
    const byDepth = [...reach.depth].filter(([id]) => id !== derivedId).sort((a, b) => a[1] - b[1] || Number(a[0]) - Number(b[0]));
    for (const [reason, violates] of CONSTRAINTS) {
      const origin = byDepth.find(([id]) => profiles.get(id)?.known && violates(profiles.get(id)!, own));
      if (origin) drift.push({ derivedId, ancestorId: origin[0], reason, path: pathTo(reach, origin[0]) });
    }
  }
  return drift;
}
