import { isAlias, isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import { cardError } from './card-error';
import { FrontMatter } from './front-matter';

/**
 * Two metadata keys Pedigree reads beyond the Hub's own (the Hub defines none for these facts, and
 * ignores keys it does not know, so a card may carry them):
 *
 *   distillation_teachers:          # models whose outputs the model was trained on (DISTILLATION)
 *   - openai/gpt-4                  #   a bare id, or:
 *   - model: openai/gpt-4
 *     snapshot: gpt-4-0613          #   the snapshot behind an API name, which moves between weights
 *     used_from: 2023-06-13         #   the period of use, YYYY-MM-DD, both optional
 *     used_to: 2023-09-01
 *   auxiliary_models:               # models that shaped it without weights or text (AUXILIARY)
 *   - model: berkeley-nest/Starling-RM-7B-alpha
 *     role: reward_model            #   reward_model, judge, filter or other
 *
 * Anything else under them is an error naming the README line: a misread teacher claim is worse than none.
 */
export interface CardTeacher {
  model: string;
  snapshot: string | null;
  usedFrom: string | null;
  usedTo: string | null;
}

export const CARD_AUXILIARY_ROLES = ['reward_model', 'judge', 'filter', 'other'] as const;

export interface CardAuxiliary {
  model: string;
  /** The registry's AuxiliaryRole: REWARD_MODEL, JUDGE, FILTER or OTHER. */
  role: string;
}

const TEACHER_KEYS = ['model', 'snapshot', 'used_from', 'used_to'];
const AUXILIARY_KEYS = ['model', 'role'];

export function readTeachers(fm: FrontMatter, file: string): CardTeacher[] {
  return entries(fm, file, 'distillation_teachers', TEACHER_KEYS, true).map(({ fields, line, key }) => {
    const usedFrom = date(fields.used_from, file, line, `${key}.used_from`);
    const usedTo = date(fields.used_to, file, line, `${key}.used_to`);
    if (usedFrom && usedTo && usedTo < usedFrom) throw cardError(file, line, `${key}.used_to ${usedTo} is before used_from ${usedFrom}`);
    return { model: fields.model!, snapshot: fields.snapshot ?? null, usedFrom, usedTo };
  });
}

export function readAuxiliaryModels(fm: FrontMatter, file: string): CardAuxiliary[] {
  return entries(fm, file, 'auxiliary_models', AUXILIARY_KEYS, false).map(({ fields, line, key }) => {
    const role = fields.role?.toLowerCase();
    if (!role) throw cardError(file, line, `${key} needs a role`, CARD_AUXILIARY_ROLES.join(', '));
    if (!(CARD_AUXILIARY_ROLES as readonly string[]).includes(role)) {
      throw cardError(file, line, `${key}.role "${fields.role}" is not a role Pedigree knows`, CARD_AUXILIARY_ROLES.join(', '));
    }
    return { model: fields.model!, role: role.toUpperCase() };
  });
}

interface Entry {
  fields: Record<string, string | undefined>;
  line: number;
  key: string;
}

/** A list whose items are mappings of strings (or, where `bare` allows, a bare model id). */
function entries(fm: FrontMatter, file: string, name: string, keys: string[], bare: boolean): Entry[] {
  const pair = fm.map.items.find((p) => isScalar(p.key) && p.key.value === name);
  const value = resolve(fm, pair?.value as Node | null | undefined);
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) throw cardError(file, fm.lineOf((pair?.value ?? pair?.key) as Node), `${name} must be a list`);
  return value.items.map((raw, i) => {
    const item = resolve(fm, raw as Node);
    const line = fm.lineOf(raw as Node);
    const key = `${name}[${i}]`;
    if (bare && isScalar(item) && typeof item.value === 'string') return { fields: { model: nonEmpty(item.value, file, line, key) }, line, key };
    if (!isMap(item)) throw cardError(file, line, `${key} must be a mapping with a model${bare ? ', or a model id' : ''}`);
    const fields: Record<string, string | undefined> = {};
    for (const p of (item as YAMLMap).items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (!keys.includes(k)) throw cardError(file, fm.lineOf(p.key as Node), `${key} has an unknown field "${k}"`, keys.join(', '));
      const v = resolve(fm, p.value as Node | null);
      if (v === null || v === undefined || (isScalar(v) && v.value === null)) continue;
      // An unquoted 2023-06-13 is a string in YAML 1.2; a Date only comes from an explicit !!timestamp.
      const text = isScalar(v) && v.value instanceof Date ? v.value.toISOString().slice(0, 10) : isScalar(v) && typeof v.value === 'string' ? v.value : null;
      if (text === null) throw cardError(file, fm.lineOf(v), `${key}.${k} must be a string`);
      fields[k] = nonEmpty(text, file, fm.lineOf(v), `${key}.${k}`);
    }
    if (!fields.model) throw cardError(file, line, `${key} needs a model`);
    return { fields, line, key };
  });
}

function resolve(fm: FrontMatter, node: Node | null | undefined): Node | null | undefined {
  return isAlias(node) ? (node.resolve(fm.doc) as Node | undefined) : node;
}

function nonEmpty(value: string, file: string, line: number, key: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw cardError(file, line, `${key} is an empty string; remove it or give a value`);
  return trimmed;
}

function date(value: string | undefined, file: string, line: number, key: string): string | null {
  if (value === undefined) return null;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw cardError(file, line, `${key} "${value}" is not a date`, 'YYYY-MM-DD');
  }
  return value;
}
