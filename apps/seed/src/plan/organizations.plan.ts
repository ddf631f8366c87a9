import { cumulative, Random } from '../random';
import { NO_LICENSE } from './licenses';
import { CLOUD_SUFFIXES, COMMUNITY_ADJECTIVES, COMMUNITY_NOUNS, CORPORATE_WORDS, COUNTRIES, HOLDING_SUFFIXES, LAB_SUFFIXES } from './vocabulary';

export enum OrgRole {
  HOLDING,
  API_VENDOR,
  CLOUD,
  LAB,
  QUANTIZER,
  COMMUNITY,
}

export interface PlannedOrganization {
  /** Database id: index + 1. Parents always have a lower id than their subsidiaries. */
  id: number;
  slug: string;
  name: string;
  country: string | null;
  kind: 'COMPANY' | 'ACADEMIC' | 'GOVERNMENT' | 'NONPROFIT' | 'COMMUNITY' | 'INDIVIDUAL';
  role: OrgRole;
  parentId: number | null;
  /** Ownership depth: 0 for an independent organization, up to 4 at the end of a chain. */
  depth: number;
  /** Extra aliases; the slug is always claimed as an alias too, as registration does. */
  aliases: string[];
  /** License index (see licenses.ts) the lab releases its base models under. */
  houseLicense: number;
}

export const ORGANIZATION_COUNT = 300;
const ROLE_COUNTS: ReadonlyArray<readonly [OrgRole, number]> = [
  [OrgRole.HOLDING, 12],
  [OrgRole.API_VENDOR, 6],
  [OrgRole.CLOUD, 5],
  [OrgRole.LAB, 60],
  [OrgRole.QUANTIZER, 6],
];
/** How many corporate subsidiaries sit at each ownership depth; a few community accounts hang below those. */
const SUBSIDIARIES_AT_DEPTH = [0, 25, 10, 5];

export function planOrganizations(rng: Random, rootLicenseWeights: readonly number[]): PlannedOrganization[] {
  const countryCdf = cumulative(COUNTRIES.map(([, w]) => w));
  const licenseCdf = cumulative(rootLicenseWeights);
  const country = () => COUNTRIES[rng.weighted(countryCdf)][0];
  const taken = new Set<string>();
  const drafts: Omit<PlannedOrganization, 'id' | 'parentId' | 'depth'>[] = [];
  const add = (role: OrgRole, name: string, kind: PlannedOrganization['kind'], c: string | null) => {
    const slug = unique(slugify(name), taken);
    drafts.push({ slug, name, country: c, kind, role, aliases: [], houseLicense: NO_LICENSE });
  };

  const words = rng.shuffle([...CORPORATE_WORDS]);
  let w = 0;
  for (const [role, count] of ROLE_COUNTS) {
    for (let i = 0; i < count; i++) {
      const word = words[w++ % words.length];
      if (role === OrgRole.HOLDING) add(role, `${word} ${rng.pick(HOLDING_SUFFIXES)}`, 'COMPANY', country());
      else if (role === OrgRole.API_VENDOR) add(role, `${word} AI`, 'COMPANY', rng.chance(0.6) ? 'US' : country());
      else if (role === OrgRole.CLOUD) add(role, `${word} ${rng.pick(CLOUD_SUFFIXES)}`, 'COMPANY', rng.chance(0.5) ? 'US' : country());
      else if (role === OrgRole.LAB) add(role, `${word} ${rng.pick(LAB_SUFFIXES)}`, labKind(rng), country());
      else add(role, `${rng.pick(COMMUNITY_ADJECTIVES)}-${rng.pick(COMMUNITY_NOUNS)}-quants`, 'COMMUNITY', rng.chance(0.3) ? null : country());
    }
  }
  while (drafts.length < ORGANIZATION_COUNT) {
    const individual = rng.chance(0.45);
    const handle = `${rng.pick(COMMUNITY_ADJECTIVES)}-${rng.pick(COMMUNITY_NOUNS)}`;
    const name = individual
      ? handle
      : rng.chance(0.5)
        ? `${handle} collective`
        : `${cap(rng.pick(COMMUNITY_NOUNS))} ${rng.pick(['University', 'College', 'Lab'])}`;
    const kind = individual ? 'INDIVIDUAL' : name.includes(' collective') ? 'COMMUNITY' : 'ACADEMIC';
    add(OrgRole.COMMUNITY, name, kind, individual && rng.chance(0.25) ? null : country());
  }
  for (const d of drafts) if (d.role === OrgRole.LAB) d.houseLicense = rng.weighted(licenseCdf);
  const ordered = ownership(rng, drafts);
  addAliases(rng, ordered, taken);
  return ordered;
}

/**
 * Gives some corporate organizations an owner, building chains up to four levels deep, and orders
 * the list so that every owner precedes what it owns. A subsidiary keeps its parent's country, has
 * its own (a foreign subsidiary) or none: the registry then takes the ultimate parent's.
 */
function ownership(rng: Random, drafts: Omit<PlannedOrganization, 'id' | 'parentId' | 'depth'>[]): PlannedOrganization[] {
  const holdings = drafts.filter((d) => d.role === OrgRole.HOLDING);
  const corporate = rng.shuffle(drafts.filter((d) => d.role !== OrgRole.HOLDING && d.role !== OrgRole.COMMUNITY && d.role !== OrgRole.QUANTIZER));
  const community = drafts.filter((d) => d.role === OrgRole.COMMUNITY || d.role === OrgRole.QUANTIZER);
  const byDepth: (typeof drafts)[] = [holdings];
  let next = 0;
  for (let depth = 1; depth < SUBSIDIARIES_AT_DEPTH.length; depth++) byDepth.push(corporate.slice(next, (next += SUBSIDIARIES_AT_DEPTH[depth])));
  const independent = corporate.slice(next);
  const owned = community.slice(0, 4);
  byDepth.push(owned);

  const out: PlannedOrganization[] = [];
  const place = (d: (typeof drafts)[number], depth: number, parent: PlannedOrganization | null) => {
    const ownCountry = parent === null ? d.country : rng.chance(0.45) ? parent.country : rng.chance(0.55) ? d.country : null;
    const org = { ...d, id: out.length + 1, parentId: parent?.id ?? null, depth, country: ownCountry };
    out.push(org);
    return org;
  };
  let previous = holdings.map((h) => place(h, 0, null));
  for (let depth = 1; depth < byDepth.length; depth++) {
    previous = byDepth[depth].map((d) => place(d, depth, rng.pick(previous)));
  }
  for (const d of [...independent, ...community.slice(owned.length)]) place(d, 0, null);
  return out;
}

function addAliases(rng: Random, orgs: PlannedOrganization[], taken: Set<string>): void {
  for (const org of orgs) {
    if (!rng.chance(0.3)) continue;
    const base = org.slug.replace(/-(ai|labs|research|quants|collective)$/, '');
    for (const candidate of [`${base}-hf`, `${base}ai`, `${org.slug}-official`]) {
      if (!taken.has(candidate)) {
        taken.add(candidate);
        org.aliases.push(candidate);
        break;
      }
    }
  }
}

function labKind(rng: Random): PlannedOrganization['kind'] {
  const u = rng.next();
  return u < 0.7 ? 'COMPANY' : u < 0.9 ? 'ACADEMIC' : u < 0.96 ? 'NONPROFIT' : 'GOVERNMENT';
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function unique(slug: string, taken: Set<string>): string {
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  taken.add(candidate);
  return candidate;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
