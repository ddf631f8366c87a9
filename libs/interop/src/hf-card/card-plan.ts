import { invalidInput, Relation } from '@pedigree/core';
import { ImportFinding, ImportOp, ImportOptions, ImportPlan, STRICT } from '../import-plan';
import { hfLicenseToSpdx } from './hf-license';
import { modalityOf } from './hf-modality';
import { readParents } from './hf-relation';
import { HUB_ID, nameKey, namespaceOf, namespaceSlug, readHubId } from './hub-id';
import { ModelCardFacts } from './model-card-facts';
import { cardEvidence, datasetOp, edgeOp, EvidenceInput, httpUrl, modelOp, organizationOp, placeholderModelOp } from './plan-ops';
import { topoOrder } from './topo-order';

export interface ModelCardInput {
  /** Hub id of the model the card describes, `namespace/name`. */
  name: string;
  facts: ModelCardFacts;
  /** Where the card came from; used as the evidence's documentRef when it is an http(s) URL. */
  source: string;
}

/** Edge relations always present in `counts`, so a report shows a zero rather than nothing. */
const COUNTED_RELATIONS = [Relation.FINETUNE, Relation.ADAPTER, Relation.MERGE, Relation.QUANTIZATION, Relation.TRAINED_ON];
/** Teachers and auxiliary models are the card author's own statement, under keys Pedigree defines (card-teachers.ts). */
const STATED_CONFIDENCE = 0.9;
const TRAINED_ON_CONFIDENCE = 0.8;
const PLACEHOLDER_CONFIDENCE = 0.5;

interface PlannedEdge {
  source: string;
  kind: 'model' | 'dataset';
  relation: Relation;
  evidence: EvidenceInput;
  inferred: boolean;
  /** Teacher snapshot and period, or auxiliary role, as assertLineage names them. */
  facts?: Record<string, string>;
}

/**
 * Plans the registrations that model cards imply: organizations for every namespace, (with
 * `placeholders`) placeholders for parents and datasets known only by reference, the carded models
 * without lineage, then one edge per (child, distinct parent), parents first. Licenses are
 * referred to, never registered: a LicenseRef- must already be in the registry.
 */
export function planModelCards(cards: readonly ModelCardInput[], sourceLabel: string, options: ImportOptions = STRICT): ImportPlan {
  return new CardPlanner(sourceLabel, options).plan(cards);
}

class CardPlanner {
  private readonly findings: ImportFinding[] = [];
  private readonly orgs = new Map<string, ImportOp>();
  private readonly licenses = new Map<string, ImportOp>();
  private readonly datasets = new Map<string, ImportOp>();
  /** Model key → its registration, cards and placeholders alike, in insertion order. */
  private readonly models = new Map<string, ImportOp>();
  private readonly edges = new Map<string, PlannedEdge[]>();
  private placeholders = 0;

  constructor(
    private readonly source: string,
    private readonly options: ImportOptions,
  ) {}

  plan(cards: readonly ModelCardInput[]): ImportPlan {
    const unique = this.dedupe(cards);
    for (const card of unique) this.models.set(nameKey(card.name), modelOp(this.cardModel(card)));
    for (const card of unique)
      this.edges.set(nameKey(card.name), [...this.parentEdges(card), ...this.datasetEdges(card), ...this.teacherEdges(card), ...this.auxiliaryEdges(card)]);

    const keys = [...this.models.keys()];
    const parentsOf = (key: string) => (this.edges.get(key) ?? []).filter((e) => e.kind === 'model').map((e) => nameKey(e.source));
    const { order, cyclic } = topoOrder(keys, parentsOf);
    if (cyclic.length) {
      const names = cyclic.map((k) => this.models.get(k)!.input.name as string);
      this.finding(
        'cycle',
        names[0],
        `base_model references form a cycle; ${names.join(', ')} could not be ordered parent-first, so their edges follow card order and the server will reject the one that closes the cycle`,
      );
    }
    const edgeOps = order.flatMap((key) => {
      const derived = this.models.get(key)!.input.name as string;
      return (this.edges.get(key) ?? []).map((e) => edgeOp(derived, e.source, e.kind, e.relation, e.evidence, e.facts));
    });
    const ops = [...this.orgs.values(), ...this.licenses.values(), ...this.datasets.values(), ...order.map((k) => this.models.get(k)!), ...edgeOps];
    return { source: this.source, ops, findings: this.findings, counts: this.counts(unique.length, edgeOps) };
  }

  private dedupe(cards: readonly ModelCardInput[]): ModelCardInput[] {
    const seen = new Set<string>();
    return cards.filter((card, i) => {
      if (!HUB_ID.test(card.name))
        throw invalidInput(`cards[${i}].name`, `"${card.name}" is not a Hugging Face model id`, 'namespace/name, e.g. meta-llama/Llama-3.1-8B');
      const key = nameKey(card.name);
      if (seen.has(key)) {
        this.finding('duplicate-card', card.name, `a second card for ${card.name} (${card.facts.file}) was ignored; the first one is planned`);
        return false;
      }
      seen.add(key);
      return true;
    });
  }

  private cardModel(card: ModelCardInput) {
    const { facts, name } = card;
    const ref = httpUrl(card.source);
    const mapping = hfLicenseToSpdx(facts.license, facts.licenseName);
    if (mapping.note) this.finding(mapping.basis === 'unknown' ? 'license-unknown' : 'license-mapped', name, mapping.note);
    // A LicenseRef- must already be registered (the server checks); its terms are never guessed here.
    const unknown = this.options.unknownLicenses && !!mapping.licenseRef && !this.options.knownLicenseRefs.has(mapping.licenseRef);
    if (unknown)
      this.finding(
        'license-unknown',
        name,
        `license "${facts.license}"${facts.licenseName ? ` (${facts.licenseName})` : ''} is no SPDX license; recorded as unknown (--allow-unknown-license)`,
      );
    const modality = modalityOf(facts.pipelineTag);
    if (facts.pipelineTag && !modality) this.finding('modality-unmapped', name, `pipeline_tag "${facts.pipelineTag}" implies no single modality; left empty`);
    const named = facts.modelName && facts.modelName !== name.split('/')[1] ? `; the card names it "${facts.modelName}"` : '';
    const licenseWhy = `license: ${facts.license}${facts.licenseName ? `, license_name: ${facts.licenseName}` : ''} in ${facts.file}, read as ${mapping.license}`;
    const license = unknown ? null : mapping.license;
    return {
      name,
      publisher: this.organization(name, facts.file, ref),
      license,
      licenseEvidence: license ? cardEvidence(licenseWhy, ref, mapping.basis === 'unrecognized' ? 0.6 : 0.9) : null,
      modality,
      evidence: cardEvidence(`Hugging Face model card metadata for ${name} in ${facts.file}${named}`, ref, 0.9),
    };
  }

  private parentEdges(card: ModelCardInput): PlannedEdge[] {
    const self = nameKey(card.name);
    const isSelf = (raw: string) => nameKey(readHubId(raw).id ?? raw) === self;
    // Removed before inference, so a card listing itself and one parent still reads as a fine-tune.
    if (card.facts.baseModels.some(isSelf)) this.finding('base-model', card.name, 'base_model names the model itself; no edge');
    const { claims, notes } = readParents({ ...card.facts, baseModels: card.facts.baseModels.filter((raw) => !isSelf(raw)) });
    for (const note of notes) this.finding('base-model', card.name, note);
    const ref = httpUrl(card.source);
    return claims.flatMap((claim) => {
      const key = nameKey(claim.parent);
      if (key === self) return [];
      if (!this.models.has(key) && this.options.placeholders) {
        const why = `Placeholder: known only as a base_model of ${card.name} (${card.facts.file}); listed as a Hugging Face repository, so open weights are assumed`;
        const publisher = this.organization(claim.parent, card.facts.file, ref);
        this.models.set(key, placeholderModelOp(claim.parent, cardEvidence(why, ref, PLACEHOLDER_CONFIDENCE), publisher));
        this.placeholders += 1;
      }
      // The registered spelling, since cards differ in case and the server ignores it.
      const source = (this.models.get(key)?.input.name as string | undefined) ?? claim.parent;
      const evidence = cardEvidence(claim.justification, ref, claim.confidence);
      return [{ source, kind: 'model' as const, relation: claim.relation, evidence, inferred: claim.basis !== 'declared' }];
    });
  }

  /** `distillation_teachers`: DISTILLATION edges carrying the snapshot and period the card states. */
  private teacherEdges(card: ModelCardInput): PlannedEdge[] {
    return (card.facts.teachers ?? []).flatMap((t) => {
      const stated = [t.snapshot && `snapshot ${t.snapshot}`, t.usedFrom && `used from ${t.usedFrom}`, t.usedTo && `used to ${t.usedTo}`].filter(Boolean);
      const why = `distillation_teachers lists ${t.model} in ${card.facts.file}${stated.length ? ` (${stated.join(', ')})` : ''}`;
      const facts: Record<string, string> = {};
      if (t.snapshot) facts.teacherSnapshot = t.snapshot;
      if (t.usedFrom) facts.usedFrom = t.usedFrom;
      if (t.usedTo) facts.usedTo = t.usedTo;
      return this.statedModelEdge(card, t.model, Relation.DISTILLATION, why, facts, 'distillation_teachers');
    });
  }

  /** `auxiliary_models`: AUXILIARY edges with the role the card states. */
  private auxiliaryEdges(card: ModelCardInput): PlannedEdge[] {
    return (card.facts.auxiliaryModels ?? []).flatMap((a) => {
      const why = `auxiliary_models lists ${a.model} as ${a.role.toLowerCase()} in ${card.facts.file}`;
      return this.statedModelEdge(card, a.model, Relation.AUXILIARY, why, { auxiliaryRole: a.role }, 'auxiliary_models');
    });
  }

  private statedModelEdge(card: ModelCardInput, raw: string, relation: Relation, why: string, facts: Record<string, string>, key: string): PlannedEdge[] {
    const { id, note } = readHubId(raw);
    if (note) this.finding(key, card.name, id ? note : `${key}: ${note}; no edge`);
    if (!id || nameKey(id) === nameKey(card.name)) return [];
    const ref = httpUrl(card.source);
    if (!this.models.has(nameKey(id)) && this.options.placeholders) {
      // Its access is not stated anywhere the card reaches: the placeholder says so, to be completed.
      const because = `Placeholder: known only as listed in ${key} of ${card.name} (${card.facts.file}); access unknown, recorded as open weights until completed`;
      this.models.set(nameKey(id), placeholderModelOp(id, cardEvidence(because, ref, PLACEHOLDER_CONFIDENCE), this.organization(id, card.facts.file, ref)));
      this.placeholders += 1;
    }
    const source = (this.models.get(nameKey(id))?.input.name as string | undefined) ?? id;
    return [{ source, kind: 'model', relation, evidence: cardEvidence(why, ref, STATED_CONFIDENCE), inferred: false, facts }];
  }

  private datasetEdges(card: ModelCardInput): PlannedEdge[] {
    const ref = httpUrl(card.source);
    const seen = new Set<string>();
    return card.facts.datasets.flatMap((raw) => {
      const { id, note } = readHubId(raw);
      if (note) this.finding('dataset', card.name, id ? note : `datasets: ${note}; no edge`);
      if (!id || seen.has(nameKey(id))) return [];
      seen.add(nameKey(id));
      if (!this.datasets.has(nameKey(id)) && this.options.placeholders) {
        const why = `Placeholder: known only as a dataset listed by the model card of ${card.name} (${card.facts.file})`;
        const publisher = this.organization(id, card.facts.file, ref);
        this.datasets.set(nameKey(id), datasetOp(id, cardEvidence(why, ref, PLACEHOLDER_CONFIDENCE), publisher));
      }
      const why = `datasets: lists ${id} in ${card.facts.file}; the Hub documents this field as the training data (it may include evaluation sets)`;
      return [
        { source: id, kind: 'dataset' as const, relation: Relation.TRAINED_ON, evidence: cardEvidence(why, ref, TRAINED_ON_CONFIDENCE), inferred: false },
      ];
    });
  }

  /**
   * Plans the namespace's organization once. Returns the publisher to pass explicitly, which is
   * only needed when the slug is not the namespace itself (the server resolves that by alias).
   */
  private organization(id: string, file: string, ref: string | null): string | null {
    const namespace = namespaceOf(id);
    const slug = namespaceSlug(namespace);
    if (!this.orgs.has(slug)) {
      const why = `Hugging Face namespace "${namespace}" of ${id} (${file}); kind COMMUNITY is an importer default and the country is unknown`;
      this.orgs.set(slug, organizationOp(slug, namespace, cardEvidence(why, ref, PLACEHOLDER_CONFIDENCE)));
    }
    return slug === namespace.toLowerCase() ? null : slug;
  }

  private counts(models: number, edgeOps: ImportOp[]): Record<string, number> {
    const counts: Record<string, number> = {
      models,
      placeholders: this.placeholders,
      organizations: this.orgs.size,
      licenses: this.licenses.size,
      datasets: this.datasets.size,
      edges: edgeOps.length,
      edgesInferred: [...this.edges.values()].flat().filter((e) => e.inferred).length,
    };
    for (const relation of COUNTED_RELATIONS) counts[`edges.${relation}`] = 0;
    for (const op of edgeOps) counts[`edges.${op.edge!.relation}`] = (counts[`edges.${op.edge!.relation}`] ?? 0) + 1;
    return counts;
  }

  private finding(kind: string, subject: string, detail: string): void {
    this.findings.push({ kind, subject, detail });
  }
}
