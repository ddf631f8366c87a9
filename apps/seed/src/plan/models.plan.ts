import { cumulative, Random, zipfCdf } from '../random';
import { LicenseTable, NO_LICENSE } from './licenses';
import { OrgRole, PlannedOrganization } from './organizations.plan';
import { COUNTRIES, MODALITIES, SIZES } from './vocabulary';

/** What a model is; decides its weight edge to its parent and whether anything can derive from it. */
export enum Role {
  API,
  ROOT,
  FINETUNE,
  ADAPTER,
  QUANTIZATION,
  MERGE,
  DISTILLED,
  CONTINUED_PRETRAINING,
  PRUNING,
}

export enum Access {
  OPEN_WEIGHTS,
  API_ONLY,
  CLOSED,
}

/**
 * Share of each role among derived models, shaped like the Hub: quantizations and adapters are
 * leaves and make up most of them, fine-tunes are the bulk of what gets derived from.
 */
export const DERIVED_ROLES: ReadonlyArray<readonly [Role, number]> = [
  [Role.QUANTIZATION, 0.3],
  [Role.ADAPTER, 0.25],
  [Role.FINETUNE, 0.32],
  [Role.MERGE, 0.05],
  [Role.DISTILLED, 0.03],
  [Role.CONTINUED_PRETRAINING, 0.03],
  [Role.PRUNING, 0.02],
];
/** Merge parent counts 2..14: mostly pairs (SLERP), a long tail of many-model "soups". */
const MERGE_PARENTS = [60, 15, 8, 5, 3, 2, 2, 1, 1, 1, 0.7, 0.6, 0.7];
export const ROOT_SHARE = 0.01;
/** Exponent of the Zipf law over base families: 1.1 gives the largest family ~15 % of all models. */
export const FAMILY_EXPONENT = 1.1;
const CHAIN_CHANCE = 0.04;
const CROSS_FAMILY_MERGE_PARENT = 0.2;
/** Release dates run from 2022-01-01 to 2025-12-31. */
export const LAST_DAY = 1460;

export interface ModelPlan {
  count: number;
  apiCount: number;
  rootCount: number;
  role: Uint8Array;
  access: Uint8Array;
  /** Index of the family's root model; -1 for API models. */
  family: Int32Array;
  /** The weight parent (the first one for a merge); -1 for roots and API models. */
  parent: Int32Array;
  /** Further merge parents of model i: mergeParents[mergeOffset[i] .. mergeOffset[i+1]). */
  mergeOffset: Int32Array;
  mergeParents: Int32Array;
  /** DISTILLATION source; -1 when none. */
  teacher: Int32Array;
  publisher: Uint16Array;
  license: Uint8Array;
  /** Longest chain of model edges from this model up to a root. */
  depth: Uint16Array;
  /** Release date as days after 2022-01-01; never before any of its sources. */
  day: Uint16Array;
  size: Uint8Array;
  modality: Uint8Array;
  /** Index into COUNTRIES, or 255. */
  countryOverride: Uint8Array;
  /** Per family root: how many models it holds, for the summary. */
  familySize: Map<number, number>;
}

const derivable = (role: Role) => role !== Role.QUANTIZATION && role !== Role.ADAPTER && role !== Role.API;

/**
 * Plans the model graph in index order. API models come first, then base models, then derived
 * models, and every edge points from a model to one with a lower index, so the graph is acyclic
 * by construction. Families are picked by a Zipf law and parents inside a family by a mix of
 * "the base", "an official variant", "anything derivable" and "a recent one", with occasional
 * fine-tune chains that give the graph its depth.
 */
export function planModels(rng: Random, count: number, orgs: readonly PlannedOrganization[], licenses: LicenseTable): ModelPlan {
  const apiCount = Math.min(Math.max(6, Math.round(count / 5000)), 200, Math.floor(count / 5));
  const rootCount = Math.max(2, Math.round(count * ROOT_SHARE));
  const p = allocate(count, apiCount, rootCount);
  const mergeOffset = new Int32Array(count + 1);
  const merges: number[] = [];
  const pickOrg = orgPickers(rng, orgs);
  const rootLicenseCdf = cumulative(licenses.rootWeights);
  const driftCdf = cumulative(licenses.driftWeights);
  const sizeCdf = cumulative(SIZES.map((s) => s[2]));
  const modalityCdf = cumulative(MODALITIES.map((m) => m[1]));
  const roleCdf = cumulative(DERIVED_ROLES.map((r) => r[1]));
  const mergeCdf = cumulative(MERGE_PARENTS);
  const apiCdf = zipfCdf(apiCount, 1);

  for (let i = 0; i < apiCount; i++) {
    p.role[i] = Role.API;
    p.access[i] = Access.API_ONLY;
    p.family[i] = -1;
    p.publisher[i] = pickOrg.vendor(i);
    p.license[i] = rng.chance(0.7) ? licenses.apiTerms : NO_LICENSE;
    p.day[i] = rng.int(0, LAST_DAY - 200);
    p.modality[i] = 0;
  }
  const members: number[][] = [];
  const openRoots: number[] = [];
  for (let i = apiCount; i < apiCount + rootCount; i++) {
    p.role[i] = Role.ROOT;
    p.access[i] = rng.chance(0.03) ? Access.CLOSED : Access.OPEN_WEIGHTS;
    p.family[i] = i;
    const lab = pickOrg.lab();
    p.publisher[i] = lab;
    p.license[i] = rng.chance(0.8) && orgs[lab].houseLicense !== NO_LICENSE ? orgs[lab].houseLicense : rng.weighted(rootLicenseCdf);
    p.day[i] = rng.int(0, LAST_DAY - 120);
    p.size[i] = rng.weighted(sizeCdf);
    p.modality[i] = rng.weighted(modalityCdf);
    // Some small bases are trained on an API model's outputs from scratch: a DISTILLATION edge and no weight parent.
    if (rng.chance(0.05)) p.teacher[i] = rng.weighted(apiCdf);
    members[i] = [i];
    if (p.access[i] !== Access.CLOSED) openRoots.push(i);
  }
  rng.shuffle(openRoots);
  const familyCdf = zipfCdf(openRoots.length, FAMILY_EXPONENT);
  const family = () => openRoots[rng.weighted(familyCdf)];
  const chain = new Map<number, { head: number; left: number }>();

  const inFamily = (k: number): number => {
    const m = members[k];
    const u = rng.next();
    if (u < 0.35) return m[0];
    if (u < 0.5) return m[rng.int(0, Math.min(4, m.length) - 1)];
    if (u < 0.85) return m[rng.int(0, m.length - 1)];
    return m[Math.max(0, m.length - 1 - rng.int(0, 7))];
  };

  for (let i = apiCount + rootCount; i < count; i++) {
    let role = DERIVED_ROLES[rng.weighted(roleCdf)][0];
    const k = family();
    let parent = inFamily(k);
    const chains = role === Role.FINETUNE || role === Role.CONTINUED_PRETRAINING || role === Role.DISTILLED;
    if (chains && rng.chance(CHAIN_CHANCE)) {
      const c = chain.get(k);
      if (c && c.left > 0) parent = c.head;
      chain.set(k, { head: i, left: c && c.left > 0 ? c.left - 1 : rng.int(4, 14) });
    }
    const sources = [parent];
    if (role === Role.MERGE) {
      const want = 2 + rng.weighted(mergeCdf);
      for (let tries = 0; sources.length < want && tries < want * 4; tries++) {
        const candidate = inFamily(rng.chance(CROSS_FAMILY_MERGE_PARENT) ? family() : k);
        if (!sources.includes(candidate)) sources.push(candidate);
      }
      if (sources.length < 2) role = Role.FINETUNE;
      else merges.push(...sources.slice(1));
    }
    mergeOffset[i + 1] = merges.length;
    if (role === Role.DISTILLED) {
      p.teacher[i] = rng.chance(0.75) ? rng.weighted(apiCdf) : inFamily(family());
      if (p.teacher[i] === parent) p.teacher[i] = rng.weighted(apiCdf);
    }
    p.role[i] = role;
    p.parent[i] = parent;
    p.family[i] = k;
    p.access[i] = role === Role.FINETUNE && rng.chance(0.005) ? Access.CLOSED : Access.OPEN_WEIGHTS;
    p.publisher[i] = role === Role.QUANTIZATION ? pickOrg.quantizer() : rng.chance(0.2) && parent === k ? p.publisher[k] : pickOrg.community();
    p.license[i] = rng.chance(0.85) ? p.license[parent] : rng.chance(0.55) ? rng.weighted(driftCdf) : NO_LICENSE;
    p.size[i] = role === Role.PRUNING ? Math.max(0, p.size[parent] - 1) : p.size[parent];
    p.modality[i] = p.modality[parent];
    let depth = 0;
    let day = 0;
    if (p.teacher[i] >= 0) sources.push(p.teacher[i]);
    for (const s of sources) {
      depth = Math.max(depth, p.depth[s] + 1);
      day = Math.max(day, p.day[s]);
    }
    p.depth[i] = depth;
    p.day[i] = Math.min(LAST_DAY, day + rng.int(1, 45));
    if (derivable(role) && p.access[i] !== Access.CLOSED) members[k].push(i);
  }
  for (let i = 0; i < count; i++) {
    if (i < apiCount + rootCount) mergeOffset[i + 1] = mergeOffset[i];
    p.countryOverride[i] = rng.chance(0.003) ? rng.int(0, COUNTRIES.length - 1) : 255;
  }
  const familySize = new Map<number, number>();
  for (let i = apiCount; i < count; i++) familySize.set(p.family[i], (familySize.get(p.family[i]) ?? 0) + 1);
  return { ...p, count, apiCount, rootCount, mergeOffset, mergeParents: Int32Array.from(merges), familySize };
}

function allocate(count: number, apiCount: number, rootCount: number) {
  if (apiCount + rootCount >= count) throw new Error(`--models ${count} is too small: need more than ${apiCount + rootCount}`);
  return {
    role: new Uint8Array(count),
    access: new Uint8Array(count),
    family: new Int32Array(count),
    parent: new Int32Array(count).fill(-1),
    teacher: new Int32Array(count).fill(-1),
    publisher: new Uint16Array(count),
    license: new Uint8Array(count),
    depth: new Uint16Array(count),
    day: new Uint16Array(count),
    size: new Uint8Array(count),
    modality: new Uint8Array(count),
    countryOverride: new Uint8Array(count),
  };
}

/** Publisher choice: labs release bases, a few quantizer accounts dominate quantizations, the long tail fine-tunes. */
function orgPickers(rng: Random, orgs: readonly PlannedOrganization[]) {
  const indices = (pred: (o: PlannedOrganization) => boolean) => rng.shuffle(orgs.map((o, i) => (pred(o) ? i : -1)).filter((i) => i >= 0));
  const vendors = indices((o) => o.role === OrgRole.API_VENDOR);
  const labs = indices((o) => o.role === OrgRole.LAB);
  const quantizers = indices((o) => o.role === OrgRole.QUANTIZER);
  const community = indices((o) => o.role === OrgRole.COMMUNITY || o.role === OrgRole.LAB);
  const labCdf = zipfCdf(labs.length, 1);
  const quantCdf = zipfCdf(quantizers.length, 1);
  const communityCdf = zipfCdf(community.length, 0.9);
  return {
    vendor: (i: number) => vendors[i % vendors.length],
    lab: () => labs[rng.weighted(labCdf)],
    quantizer: () => (rng.chance(0.55) ? quantizers[rng.weighted(quantCdf)] : community[rng.weighted(communityCdf)]),
    community: () => community[rng.weighted(communityCdf)],
  };
}
