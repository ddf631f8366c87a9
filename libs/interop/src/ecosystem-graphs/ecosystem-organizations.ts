import { ImportFinding } from '../import-plan';
import { nameKey, slugify } from './asset-names';
import { EcosystemAsset } from './ecosystem-asset';
import { assignCountries, describeCountry, readNationality } from './nationality';
import { isUnknownOrganization, OrganizationKind, organizationKind, splitOrganizations } from './organization-names';

export interface PlannedOrganization {
  slug: string;
  /** The first spelling seen. */
  name: string;
  kind: OrganizationKind;
  country: string | null;
  /** The asset whose nationality gave the country: the evidence for it. */
  countryFrom: EcosystemAsset | null;
  firstSeen: EcosystemAsset;
}

export interface OrganizationIndex {
  /** In order of first appearance. */
  organizations: PlannedOrganization[];
  /** The organizations of each asset (by file index), publisher first. */
  ofAsset: Map<number, PlannedOrganization[]>;
  findings: ImportFinding[];
  /** Assets whose organization text holds a comma. */
  commaJoined: number;
  /** Assets with more than one organization after splitting. */
  coPublished: number;
}

/** The registry needs a publisher for every model and dataset; this one says plainly that it is not known. */
export const UNKNOWN_PUBLISHER = 'Unknown publisher';

/**
 * Organizations of every asset: lists split, spellings that differ only in case, spaces or
 * punctuation folded into one organization ("Google DeepMind" / "Google Deepmind", "Eleuther AI" /
 * "EleutherAI"), and a country only where the nationality can be attributed (see nationality.ts).
 * An organization given two countries keeps the first; the second is reported.
 */
export function collectOrganizations(assets: readonly EcosystemAsset[]): OrganizationIndex {
  const lists = new Map(assets.map((a) => [a.index, isUnknownOrganization(a.organization) ? { members: [], notes: [] } : splitOrganizations(a.organization)]));
  const spellings = countSpellings([...lists.values()].flatMap((l) => l.members));
  const byKey = new Map<string, PlannedOrganization>();
  const slugs = new Set<string>();
  const conflicts = new Set<string>();
  const index: OrganizationIndex = { organizations: [], ofAsset: new Map(), findings: [], commaJoined: 0, coPublished: 0 };
  const find = (kind: string, subject: string, detail: string) => index.findings.push({ kind, subject, detail });

  const organizationFor = (member: string, asset: EcosystemAsset): PlannedOrganization => {
    const key = keyOf(member);
    const known = byKey.get(key);
    if (known) return known;
    const variants = spellings.get(key) ?? [[member, 1]];
    const name = variants[0][0];
    const base = slugify(name) || 'organization';
    const slug = uniqueSlug(base, slugs);
    if (slug !== base) find('organization-slug', name, `slug "${base}" is taken by an organization of another name; registered as "${slug}"`);
    const org: PlannedOrganization = { slug, name, kind: organizationKind(name), country: null, countryFrom: null, firstSeen: asset };
    for (const [other, n] of variants.slice(1)) {
      find(
        'organization-spelling',
        other,
        `same organization as "${name}" (${slug}) once case, spaces and punctuation are ignored; "${other}" (${n} mentions) registered as "${name}" (${variants[0][1]} mentions)`,
      );
    }
    if (mayJoinSeveral(name)) {
      find('organization-name-review', name, 'registered as one organization, but "and" may join several; not split, because "and" also occurs inside names');
    }
    byKey.set(key, org);
    index.organizations.push(org);
    return org;
  };

  for (const asset of assets) {
    if (asset.organization.includes(',')) index.commaJoined++;
    const split = lists.get(asset.index)!;
    for (const note of split.notes) find('organization-list', asset.name, `${asset.sourceFile}: ${note}`);
    if (!split.members.length) {
      find(
        'unknown-publisher',
        asset.name,
        `${asset.sourceFile}: organization "${asset.organization}"; published under the placeholder "${UNKNOWN_PUBLISHER}"`,
      );
    }
    const members = split.members.length ? split.members : [UNKNOWN_PUBLISHER];
    const orgs = members.map((m) => organizationFor(m, asset));
    index.ofAsset.set(asset.index, orgs);
    if (orgs.length > 1) {
      index.coPublished++;
      find(
        'co-published',
        asset.name,
        `published by "${orgs[0].name}"; co-published by ${orgs
          .slice(1)
          .map((o) => `"${o.name}"`)
          .join(', ')}`,
      );
    }

    // The placeholder stands for different unknown publishers, so it never gets a country.
    if (!split.members.length) continue;
    const assignment = assignCountries(members, readNationality(asset.nationality));
    if (assignment.problem) find(assignment.problem.kind, asset.name, `${asset.sourceFile}: ${assignment.problem.detail}`);
    assignment.countries.forEach((country, i) => {
      const org = orgs[i];
      if (!country) return;
      if (!org.country) {
        org.country = country;
        org.countryFrom = asset;
      } else if (org.country !== country && !conflicts.has(`${org.slug}:${country}`)) {
        conflicts.add(`${org.slug}:${country}`);
        find(
          'country-conflict',
          org.name,
          `${describeCountry(org.country)} from "${org.countryFrom!.name}" (${org.countryFrom!.sourceFile}) kept; ` +
            `"${asset.name}" (${asset.sourceFile}) says ${describeCountry(country)}`,
        );
      }
    });
  }
  return index;
}

/**
 * "ByteDance and University of Maryland" may be two organizations; "University of Science and
 * Technology of China" is one: an "and" after "of", "for" or "in" belongs to a descriptive name.
 */
function mayJoinSeveral(name: string): boolean {
  const at = name.search(/\s(and|&)\s/i);
  return at > 0 && !/\s(of|for|in)\s/i.test(name.slice(0, at));
}

const keyOf = (member: string) => nameKey(member) || member.toLowerCase();

/** Spellings of each organization, most used first (ties: first seen): the name registered is the common one. */
function countSpellings(members: readonly string[]): Map<string, [string, number][]> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of members) {
    const forKey = counts.get(keyOf(m)) ?? new Map<string, number>();
    forKey.set(m, (forKey.get(m) ?? 0) + 1);
    counts.set(keyOf(m), forKey);
  }
  // Map iteration keeps first-seen order and Array.sort is stable, so ties go to the first seen.
  return new Map([...counts].map(([k, v]) => [k, [...v].sort((a, b) => b[1] - a[1])]));
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 96)}-${n}`;
  taken.add(slug);
  return slug;
}
