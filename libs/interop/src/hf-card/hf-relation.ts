import { Relation } from '@pedigree/core';
import { readHubId, nameKey } from './hub-id';
import { HF_RELATIONS, HfRelation, ModelCardFacts } from './model-card-facts';

export const RELATION_OF: Readonly<Record<HfRelation, Relation>> = {
  adapter: Relation.ADAPTER,
  merge: Relation.MERGE,
  quantized: Relation.QUANTIZATION,
  finetune: Relation.FINETUNE,
};

/** A declaration is the author's word; an inference is ours (or the Hub's) and is weighed lower. */
export const DECLARED_CONFIDENCE = 0.9;
export const INFERRED_CONFIDENCE = 0.7;

export interface ParentClaim {
  /** Hub id of the parent, as first written on the card. */
  parent: string;
  relation: Relation;
  /** How many times `base_model` lists it; merges repeat a parent once per slice. */
  mentions: number;
  basis: 'declared' | 'inferred' | 'hub';
  justification: string;
  confidence: number;
}

export interface ParentReading {
  claims: ParentClaim[];
  /** References that yield no edge, and why. */
  notes: string[];
}

/**
 * Turns `base_model` into one claim per distinct parent. The relation is, in order of trust: the
 * card's `base_model_relation`, the Hub's own resolution (API metadata), or the Hub's documented
 * default: one parent is a fine-tune (an adapter when the library is PEFT), several a merge.
 */
export function readParents(facts: ModelCardFacts): ParentReading {
  const notes: string[] = [];
  const mentions = countMentions(facts.baseModels);
  const hub = hubClaims(facts, mentions, notes);
  if (hub && !facts.baseModelRelation) return { claims: hub, notes };

  const distinct = [...mentions.values()];
  let relation: HfRelation;
  let why: string;
  const basis = facts.baseModelRelation ? 'declared' : 'inferred';
  if (facts.baseModelRelation) {
    relation = facts.baseModelRelation;
    why = `declared base_model_relation: ${relation} in ${facts.file}`;
  } else if (distinct.length === 1) {
    const peft = facts.libraryName?.toLowerCase() === 'peft';
    relation = peft ? 'adapter' : 'finetune';
    why = `base_model_relation absent in ${facts.file}; inferred ${relation} from a single base_model${peft ? ' and library_name: peft' : ''}`;
  } else {
    relation = 'merge';
    why = `base_model_relation absent in ${facts.file}; inferred merge from ${distinct.length} distinct base_model entries`;
  }
  const claims = distinct.flatMap(({ raw, count }) => {
    const claim = toClaim(raw, count, RELATION_OF[relation], basis, why, notes);
    return claim ? [claim] : [];
  });
  return { claims, notes };
}

function hubClaims(facts: ModelCardFacts, mentions: Map<string, Mention>, notes: string[]): ParentClaim[] | null {
  const hubParents = facts.hubParents;
  if (!hubParents || !HF_RELATIONS.some((r) => hubParents[r]?.length)) return null;
  const claims: ParentClaim[] = [];
  const related = new Set<string>();
  for (const relation of HF_RELATIONS) {
    for (const parent of hubParents[relation] ?? []) {
      related.add(nameKey(parent));
      if (facts.baseModelRelation) continue;
      const why = `base_model_relation absent in ${facts.file}; inferred ${relation} by the Hugging Face Hub (parents_by_relation.${relation})`;
      const claim = toClaim(parent, mentions.get(nameKey(parent))?.count ?? 1, RELATION_OF[relation], 'hub', why, notes);
      if (claim) claims.push(claim);
    }
  }
  for (const { raw } of mentions.values()) {
    if (!related.has(nameKey(raw))) {
      notes.push(`base_model lists "${raw}" but the Hub relates it to nothing (parents_by_relation); no edge`);
    }
  }
  if (facts.baseModelRelation) {
    const disagree = HF_RELATIONS.filter((r) => r !== facts.baseModelRelation && hubParents[r]?.length);
    if (disagree.length) notes.push(`the card declares ${facts.baseModelRelation} but the Hub resolves ${disagree.join(', ')}; the declaration is kept`);
  }
  return claims;
}

interface Mention {
  raw: string;
  count: number;
}

function countMentions(baseModels: string[]): Map<string, Mention> {
  const mentions = new Map<string, Mention>();
  for (const raw of baseModels) {
    const key = nameKey(readHubId(raw).id ?? raw.trim());
    const seen = mentions.get(key);
    if (seen) seen.count += 1;
    else mentions.set(key, { raw, count: 1 });
  }
  return mentions;
}

function toClaim(raw: string, count: number, relation: Relation, basis: ParentClaim['basis'], why: string, notes: string[]): ParentClaim | null {
  const { id, note } = readHubId(raw);
  if (note) notes.push(id ? note : `base_model ${note}; no edge`);
  if (!id) return null;
  const repeats = count > 1 ? `; base_model lists ${id} ${count} times (one edge per distinct parent)` : '';
  return {
    parent: id,
    relation,
    mentions: count,
    basis,
    justification: `${why}; parent ${id}${repeats}`,
    confidence: basis === 'declared' ? DECLARED_CONFIDENCE : INFERRED_CONFIDENCE,
  };
}
