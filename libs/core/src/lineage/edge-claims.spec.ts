import { ErrorCode } from '../errors';
import { AuxiliaryRole, normalizeAuxiliaryRole, normalizeTeacherUse, NO_TEACHER_USE } from './edge-claims';
import { Relation } from './relation';

const refused = (field: string) => expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field });

describe('a teacher snapshot and period of use', () => {
  it.each([
    [Relation.DISTILLATION, { teacherSnapshot: ' gpt-4-0613 ' }, { teacherSnapshot: 'gpt-4-0613', usedFrom: null, usedTo: null }],
    [
      Relation.GENERATED_BY,
      { teacherSnapshot: 'text-davinci-003', usedFrom: '2023-03-01', usedTo: '2023-03-13' },
      { teacherSnapshot: 'text-davinci-003', usedFrom: '2023-03-01', usedTo: '2023-03-13' },
    ],
    [Relation.GENERATED_BY, { usedFrom: '2023-03-13', usedTo: '2023-03-13' }, { teacherSnapshot: null, usedFrom: '2023-03-13', usedTo: '2023-03-13' }],
    [Relation.DISTILLATION, { usedTo: '2024-01-31' }, { teacherSnapshot: null, usedFrom: null, usedTo: '2024-01-31' }],
    [Relation.DISTILLATION, {}, NO_TEACHER_USE],
    [Relation.FINETUNE, { teacherSnapshot: null, usedFrom: undefined }, NO_TEACHER_USE],
  ])('%s with %j is kept as %j', (relation, draft, expected) => {
    expect(normalizeTeacherUse(relation, draft, 'input')).toEqual(expected);
  });

  it.each([
    [Relation.FINETUNE, { teacherSnapshot: 'gpt-4-0613' }, 'input.lineage[0].teacherSnapshot'],
    [Relation.TRAINED_ON, { usedFrom: '2023-01-01' }, 'input.lineage[0].usedFrom'],
    [Relation.AUXILIARY, { usedTo: '2023-01-01' }, 'input.lineage[0].usedTo'],
    [Relation.DISTILLATION, { teacherSnapshot: '   ' }, 'input.lineage[0].teacherSnapshot'],
    [Relation.DISTILLATION, { teacherSnapshot: 'x'.repeat(201) }, 'input.lineage[0].teacherSnapshot'],
    [Relation.DISTILLATION, { usedFrom: '2023-02-30' }, 'input.lineage[0].usedFrom'],
    [Relation.DISTILLATION, { usedFrom: '13 March 2023' }, 'input.lineage[0].usedFrom'],
    [Relation.GENERATED_BY, { usedFrom: '2023-03-13', usedTo: '2023-03-12' }, 'input.lineage[0].usedTo'],
  ])('%s with %j is INVALID_INPUT naming %s', (relation, draft, field) => {
    expect(() => normalizeTeacherUse(relation, draft, 'input.lineage[0]')).toThrow(refused(field));
  });
});

describe('the role of an auxiliary model', () => {
  it.each(Object.values(AuxiliaryRole))('AUXILIARY accepts %s', (role) => {
    expect(normalizeAuxiliaryRole(Relation.AUXILIARY, role, 'input.auxiliaryRole')).toBe(role);
  });

  it.each([
    [Relation.AUXILIARY, null, 'is required'],
    [Relation.AUXILIARY, undefined, 'is required'],
    [Relation.AUXILIARY, 'TEACHER', 'is not an auxiliary role'],
    [Relation.DISTILLATION, AuxiliaryRole.JUDGE, 'only meaningful for AUXILIARY'],
    [Relation.FINETUNE, 'REWARD_MODEL', 'only meaningful for AUXILIARY'],
  ])('%s with role %s is INVALID_INPUT (%s)', (relation, role, problem) => {
    expect(() => normalizeAuxiliaryRole(relation, role, 'input.auxiliaryRole')).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field: 'input.auxiliaryRole', message: expect.stringContaining(problem) }),
    );
  });

  it('is null on every other relation when not given', () => {
    expect(normalizeAuxiliaryRole(Relation.FINETUNE, null, 'f')).toBeNull();
  });
});
