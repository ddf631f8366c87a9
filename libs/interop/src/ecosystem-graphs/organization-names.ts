import { DocOrganization } from '../lineage-document';

export type OrganizationKind = DocOrganization['kind'];

/**
 * Comma-separated members that are not organizations of their own but the end of the previous
 * name: legal forms ("Continue Dev, Inc.") and the one campus the file spells with a comma
 * ("University of Maryland, College Park"). Kept short on purpose: each entry is a reviewed fact.
 */
const CONTINUATIONS = /^(inc\.?|ltd\.?|llc|gmbh|corp\.?|co\.|s\.a\.|e\.\s?v\.|college park)$/i;
/** A trailing period is punctuation, except after an abbreviation such as "Inc." or "e.V.". */
const ABBREVIATION_END = /(\b(inc|ltd|corp|co|jr)|\.[a-z])\.$/i;

export interface OrganizationList {
  /** Members in the order written; the first is the publisher. */
  members: string[];
  /** Why a comma did not split the text, for the report. */
  notes: string[];
}

/** Splits "Team GLM, Zhipu AI, Tsinghua University" into its members. */
export function splitOrganizations(text: string): OrganizationList {
  const members: string[] = [];
  const notes: string[] = [];
  for (const raw of text.split(',')) {
    let member = raw.trim().replace(/^and\s+/i, '');
    if (!ABBREVIATION_END.test(member)) member = member.replace(/\.+$/, '').trim();
    if (!member) continue;
    if (members.length && CONTINUATIONS.test(member)) {
      members[members.length - 1] = `${members[members.length - 1]}, ${member}`;
      notes.push(`"${member}" completes "${members[members.length - 1]}" and is not split off`);
      continue;
    }
    members.push(member);
  }
  return { members, notes };
}

/** True for the placeholders the file uses when the publisher is not known. */
export function isUnknownOrganization(name: string): boolean {
  return /^(unknown|none|n\/a|)$/i.test(name.trim());
}

const NONPROFIT = /\bfoundation\b|\bnon-?profit\b|\be\.\s?V\./i;
const GOVERNMENT = /\bnational (laboratory|library)\b|\bacademy of sciences\b|\bgovernment\b/i;
/** Open collectives, named: nothing in their names says what they are. */
const COMMUNITY =
  /^(bigscience|bigcode|eleuther ?ai|openassistant|laion|open x-embodiment|rwkv|nous( research)?|cognitive computations|data is better together|lmsys|universetbd)$/i;
const ACADEMIC_WORDS = /universit|universidad|\binstitut(e|o)?\b|\bcollege\b|\bschool\b|école|\bdepartamento\b|\bdepartment of\b|\bobservatoire\b/i;
/** Universities and public research bodies the file names without such a word; case-sensitive, as acronyms. */
const ACADEMIC_NAMES = /\b(MIT|CMU|ETH|EPFL|Stanford|Berkeley|Yale|Columbia|Inria|Mila|TTI-Chicago|LERMA)\b/;

/**
 * A first guess from the name alone, documented in docs/ecosystem-graphs-import.md. COMPANY is the
 * default because most publishers in the file are companies; a wrong guess is visible in the
 * registry and cheap to correct, whereas no guess would leave every organization unclassified.
 */
export function organizationKind(name: string): OrganizationKind {
  if (NONPROFIT.test(name)) return 'NONPROFIT';
  if (GOVERNMENT.test(name)) return 'GOVERNMENT';
  if (COMMUNITY.test(name.trim())) return 'COMMUNITY';
  if (ACADEMIC_WORDS.test(name) || ACADEMIC_NAMES.test(name)) return 'ACADEMIC';
  return 'COMPANY';
}
