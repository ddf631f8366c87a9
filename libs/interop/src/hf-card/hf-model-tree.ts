import { invalidInput } from '@pedigree/core';
import { ImportPlan, ImportOptions, STRICT } from '../import-plan';
import { ModelCardInput, planModelCards } from './card-plan';
import { HF_RELATIONS, HfRelation, isHfRelation, ModelCardFacts } from './model-card-facts';
import { httpUrl } from './plan-ops';

/**
 * Plans a model tree scraped from the Hub API (`{ source, models: [{ id, base_model,
 * base_model_relation, parents_by_relation, license, datasets, pipeline_tag, library_name, depth }] }`).
 * Each entry becomes the same ModelCardFacts a README yields and goes through planModelCards, so
 * API metadata and cards are planned by one code path; `parents_by_relation` is the Hub's own
 * resolution of the edges and is carried as `hubParents`.
 */
export function planHfModelTree(json: unknown, source: string, options: ImportOptions = STRICT): ImportPlan {
  const root = asRecord(json, '(root)');
  if (!Array.isArray(root.models)) throw invalidInput('models', 'must be a list of Hub model entries');
  // The scrape names where its rows came from; that URL, not a local path, is the document to cite.
  const cardSource = httpUrl(typeof root.source === 'string' ? root.source : null) ?? httpUrl(source) ?? source;
  const fileName = source.split(/[\\/]/).pop() || source;
  const stated = new Map<string, number>();
  const ignored: { subject: string; detail: string }[] = [];

  const cards: ModelCardInput[] = root.models.map((raw, i) => {
    const at = `models[${i}]`;
    const entry = asRecord(raw, at);
    const id = requiredString(entry.id, `${at}.id`);
    if (typeof entry.depth === 'number') stated.set(id.toLowerCase(), entry.depth);
    const relation = optionalString(entry.base_model_relation, `${at}.base_model_relation`);
    if (relation !== null && !isHfRelation(relation))
      throw invalidInput(`${at}.base_model_relation`, `"${relation}" is not a Hub relation`, HF_RELATIONS.join(', '));
    const facts: ModelCardFacts = {
      file: `${fileName} ${at}`,
      baseModels: stringList(entry.base_model, `${at}.base_model`),
      baseModelRelation: relation,
      hubParents: hubParents(entry.parents_by_relation, `${at}.parents_by_relation`, (key) =>
        ignored.push({ subject: id, detail: `parents_by_relation.${key} is not a Hub relation; ignored` }),
      ),
      license: optionalString(entry.license, `${at}.license`),
      licenseName: optionalString(entry.license_name, `${at}.license_name`),
      licenseLink: optionalString(entry.license_link, `${at}.license_link`),
      datasets: stringList(entry.datasets, `${at}.datasets`),
      modelName: null,
      pipelineTag: optionalString(entry.pipeline_tag, `${at}.pipeline_tag`),
      libraryName: optionalString(entry.library_name, `${at}.library_name`),
    };
    return { name: id, facts, source: cardSource };
  });

  const plan = planModelCards(cards, source, options);
  plan.findings.push(...ignored.map((f) => ({ kind: 'hub-metadata', ...f })));
  addDepths(plan, stated);
  return plan;
}

/**
 * Depth from the planned model edges (longest path to a root), counted as `depth.N` and checked
 * against the depth the scrape states, so a lost or extra edge shows up in the report.
 */
function addDepths(plan: ImportPlan, stated: Map<string, number>): void {
  const parents = new Map<string, string[]>();
  for (const op of plan.ops) {
    if (op.mutation !== 'assertLineage' || !(op.input.source as { model?: string }).model) continue;
    const derived = op.edge!.derived.toLowerCase();
    parents.set(derived, [...(parents.get(derived) ?? []), op.edge!.source.toLowerCase()]);
  }
  const depths = new Map<string, number>();
  const depthOf = (key: string, trail: Set<string>): number => {
    const known = depths.get(key);
    if (known !== undefined) return known;
    // A cycle has no depth; counting it as a root keeps the walk finite and the cycle is already a finding.
    const next = new Set(trail).add(key);
    const depth = Math.max(0, ...(parents.get(key) ?? []).filter((p) => !trail.has(p)).map((p) => depthOf(p, next) + 1));
    depths.set(key, depth);
    return depth;
  };
  for (const op of plan.ops) {
    if (op.mutation !== 'registerModel') continue;
    const name = op.input.name as string;
    const depth = depthOf(name.toLowerCase(), new Set());
    plan.counts[`depth.${depth}`] = (plan.counts[`depth.${depth}`] ?? 0) + 1;
    const expected = stated.get(name.toLowerCase());
    if (expected !== undefined && expected !== depth) {
      plan.findings.push({ kind: 'depth-mismatch', subject: name, detail: `the scrape says depth ${expected}; the planned edges give ${depth}` });
    }
  }
}

function hubParents(value: unknown, field: string, onIgnored: (key: string) => void): Partial<Record<HfRelation, string[]>> | null {
  if (value === null || value === undefined) return null;
  const record = asRecord(value, field);
  const out: Partial<Record<HfRelation, string[]>> = {};
  for (const [key, parents] of Object.entries(record)) {
    if (isHfRelation(key)) out[key] = stringList(parents, `${field}.${key}`);
    else onIgnored(key);
  }
  return out;
}

function asRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidInput(field, 'must be an object');
  return value as Record<string, unknown>;
}

function requiredString(value: unknown, field: string): string {
  const text = optionalString(value, field);
  if (!text) throw invalidInput(field, 'is required');
  return text;
}

function optionalString(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalidInput(field, `must be a string, got ${JSON.stringify(value)}`);
  return value.trim() || null;
}

function stringList(value: unknown, field: string): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) throw invalidInput(field, 'must be a string or a list of strings');
  return value.map((item, i) => requiredString(item, `${field}[${i}]`));
}
