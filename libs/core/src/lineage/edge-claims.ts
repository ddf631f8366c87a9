import { invalidInput } from '../errors';
import { validDate } from '../validation/calendar-date';
import { Relation } from './relation';

/** What an auxiliary model did for the derived one; it contributed neither weights nor training text. */
export enum AuxiliaryRole {
  /** Scored outputs for reinforcement learning (RLHF, RLAIF). */
  REWARD_MODEL = 'REWARD_MODEL',
  /** Judged or ranked outputs, e.g. to build preference pairs or pick checkpoints. */
  JUDGE = 'JUDGE',
  /** Classified training data to keep or drop (quality, safety, language filters). */
  FILTER = 'FILTER',
  OTHER = 'OTHER',
}

/**
 * Relations whose source is a teacher. An API model name such as `gpt-4` points at different
 * weights over time, so these edges may say which snapshot taught and over which period.
 */
export const TEACHING_RELATIONS: readonly Relation[] = [Relation.DISTILLATION, Relation.GENERATED_BY];

/** Which snapshot of a teacher was used, and when (calendar dates, `YYYY-MM-DD`); each part is optional. */
export interface TeacherUse {
  teacherSnapshot: string | null;
  usedFrom: string | null;
  usedTo: string | null;
}

export interface TeacherUseDraft {
  teacherSnapshot?: string | null;
  usedFrom?: string | null;
  usedTo?: string | null;
}

export const NO_TEACHER_USE: TeacherUse = Object.freeze({ teacherSnapshot: null, usedFrom: null, usedTo: null });

const MAX_SNAPSHOT = 200;
const TEACHING = new Set(TEACHING_RELATIONS);

/** Validates a teacher's snapshot and period of use; `field` is the edge's input path, e.g. `input.lineage[0]`. */
export function normalizeTeacherUse(relation: Relation, draft: TeacherUseDraft | null | undefined, field: string): TeacherUse {
  const d = draft ?? {};
  const given = (['teacherSnapshot', 'usedFrom', 'usedTo'] as const).find((k) => d[k] !== null && d[k] !== undefined);
  if (!given) return NO_TEACHER_USE;
  if (!TEACHING.has(relation)) {
    throw invalidInput(
      `${field}.${given}`,
      `is only meaningful for DISTILLATION and GENERATED_BY edges, not ${relation}`,
      'omit it, or use relation DISTILLATION or GENERATED_BY',
    );
  }
  let teacherSnapshot: string | null = null;
  if (d.teacherSnapshot !== null && d.teacherSnapshot !== undefined) {
    teacherSnapshot = String(d.teacherSnapshot).trim();
    if (!teacherSnapshot) throw invalidInput(`${field}.teacherSnapshot`, 'is empty', 'the snapshot name, e.g. gpt-4-0613, or omit it');
    if (teacherSnapshot.length > MAX_SNAPSHOT) throw invalidInput(`${field}.teacherSnapshot`, `is longer than ${MAX_SNAPSHOT} characters`);
  }
  const usedFrom = validDate(d.usedFrom, `${field}.usedFrom`);
  const usedTo = validDate(d.usedTo, `${field}.usedTo`);
  if (usedFrom && usedTo && usedTo < usedFrom) {
    throw invalidInput(`${field}.usedTo`, `${usedTo} is before usedFrom ${usedFrom}`, `a date on or after ${usedFrom}`);
  }
  return { teacherSnapshot, usedFrom, usedTo };
}

const ROLES = Object.values(AuxiliaryRole) as string[];

/** Required on AUXILIARY edges and refused on every other relation; `field` names the role itself. */
export function normalizeAuxiliaryRole(relation: Relation, role: AuxiliaryRole | string | null | undefined, field: string): AuxiliaryRole | null {
  const given = role !== null && role !== undefined;
  if (relation !== Relation.AUXILIARY) {
    if (given) throw invalidInput(field, `is only meaningful for AUXILIARY edges, not ${relation}`, 'omit it, or use relation AUXILIARY');
    return null;
  }
  if (!given) throw invalidInput(field, 'is required for AUXILIARY edges', ROLES.join(', '));
  if (!ROLES.includes(role)) throw invalidInput(field, `"${role}" is not an auxiliary role`, ROLES.join(', '));
  return role as AuxiliaryRole;
}
