import parse from 'spdx-expression-parse';

/** The terms of a custom license that matter for inheritance (a subset of CustomLicenseRecord). */
export interface LicenseTerms {
  key: string;
  commercialUse: boolean;
  nonCommercial: boolean;
  attributionRequired: boolean;
  attributionText: string | null;
  namingRequirement: string | null;
  useRestrictions: string[];
  /** Using the work or its output to develop competing models is forbidden (distillation policies read it). */
  forbidsCompetingModels: boolean;
  userThreshold: number | null;
}

export enum ObligationKind {
  ATTRIBUTION = 'ATTRIBUTION',
  NAMING = 'NAMING',
  USE_RESTRICTION = 'USE_RESTRICTION',
  NON_COMMERCIAL = 'NON_COMMERCIAL',
  SHARE_ALIKE = 'SHARE_ALIKE',
  NO_DERIVATIVES = 'NO_DERIVATIVES',
  USER_THRESHOLD = 'USER_THRESHOLD',
}

export interface Obligation {
  kind: ObligationKind;
  /** The license id (SPDX or LicenseRef-) the obligation comes from. */
  license: string;
  text: string;
}

/** What a license expression requires of whoever redistributes or derives from the work. */
export interface LicenseProfile {
  expression: string | null;
  /** False when the license is unknown: nothing can be concluded, which is itself a finding. */
  known: boolean;
  obligations: Obligation[];
}

const has = (p: LicenseProfile, kind: ObligationKind) => p.obligations.some((o) => o.kind === kind);
export const isNonCommercial = (p: LicenseProfile) => has(p, ObligationKind.NON_COMMERCIAL);
export const isShareAlike = (p: LicenseProfile) => has(p, ObligationKind.SHARE_ALIKE);
export const forbidsDerivatives = (p: LicenseProfile) => has(p, ObligationKind.NO_DERIVATIVES);
export const useRestrictions = (p: LicenseProfile) => p.obligations.filter((o) => o.kind === ObligationKind.USE_RESTRICTION);

type Ast = { license: string; exception?: string } | { left: Ast; conjunction: 'and' | 'or'; right: Ast };

/**
 * Obligations of an expression. AND accumulates both sides; OR lets the licensee pick, so the side
 * with the fewest (weighted) obligations is taken.
 */
export function licenseProfile(expression: string | null, terms: ReadonlyMap<string, LicenseTerms>): LicenseProfile {
  if (!expression) return { expression: null, known: false, obligations: [] };
  let ast: Ast;
  try {
    ast = parse(expression) as Ast;
  } catch {
    return { expression, known: false, obligations: [] };
  }
  const walk = (node: Ast): Obligation[] | null => {
    if ('license' in node) return leafObligations(node.license, terms);
    const [l, r] = [walk(node.left), walk(node.right)];
    if (node.conjunction === 'and') return l && r ? [...l, ...r] : null;
    if (!l) return r;
    if (!r) return l;
    return burden(l) <= burden(r) ? l : r;
  };
  const obligations = walk(ast);
  return obligations ? { expression, known: true, obligations: dedupe(obligations) } : { expression, known: false, obligations: [] };
}

const WEIGHT: Record<ObligationKind, number> = {
  NO_DERIVATIVES: 1000,
  NON_COMMERCIAL: 500,
  SHARE_ALIKE: 100,
  USE_RESTRICTION: 50,
  USER_THRESHOLD: 20,
  NAMING: 10,
  ATTRIBUTION: 1,
};
const burden = (obligations: Obligation[]) => obligations.reduce((sum, o) => sum + WEIGHT[o.kind], 0);

function dedupe(obligations: Obligation[]): Obligation[] {
  const seen = new Set<string>();
  return obligations.filter((o) => {
    const key = `${o.kind}|${o.license}|${o.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const NOTICE = 'Retain the copyright and license notices';

/** Returns null for an unregistered LicenseRef-: unknown terms, not "no terms". */
export function leafObligations(id: string, terms: ReadonlyMap<string, LicenseTerms>): Obligation[] | null {
  const o = (kind: ObligationKind, text: string): Obligation => ({ kind, license: id, text });
  if (id.startsWith('LicenseRef-')) {
    const t = terms.get(id);
    if (!t) return null;
    const out: Obligation[] = [];
    if (t.nonCommercial || !t.commercialUse) out.push(o(ObligationKind.NON_COMMERCIAL, 'Commercial use is not permitted'));
    if (t.attributionRequired) out.push(o(ObligationKind.ATTRIBUTION, t.attributionText ?? NOTICE));
    if (t.namingRequirement) out.push(o(ObligationKind.NAMING, t.namingRequirement));
    for (const r of t.useRestrictions) out.push(o(ObligationKind.USE_RESTRICTION, r));
    if (t.userThreshold)
      out.push(o(ObligationKind.USER_THRESHOLD, `A separate license is needed above ${t.userThreshold.toLocaleString('en-US')} monthly active users`));
    return out;
  }
  if (/^(CC0-|Unlicense$|0BSD$|WTFPL$|PDDL-)/.test(id)) return [];
  const out: Obligation[] = [o(ObligationKind.ATTRIBUTION, NOTICE)];
  if (/^CC-BY-NC/.test(id)) out.push(o(ObligationKind.NON_COMMERCIAL, 'Non-commercial use only'));
  if (/^CC-BY(-NC)?-ND/.test(id)) out.push(o(ObligationKind.NO_DERIVATIVES, 'No derivative works may be shared'));
  if (/^(CC-BY(-NC)?-SA|A?GPL|LGPL|MPL|EPL|EUPL|ODbL|OSL|CDDL)/.test(id)) {
    out.push(o(ObligationKind.SHARE_ALIKE, 'Derivatives must be shared under the same or a compatible license'));
  }
  return out;
}
