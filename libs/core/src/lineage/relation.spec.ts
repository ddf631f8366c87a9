import { ErrorCode } from '../errors';
import { assertEndpoints, assertMergeWeight, NodeKind, Relation } from './relation';

const { MODEL, CHECKPOINT, DATASET } = NodeKind;

describe('which node kinds a relation may connect', () => {
  it.each([
    [Relation.FINETUNE, MODEL, MODEL],
    [Relation.FINETUNE, CHECKPOINT, CHECKPOINT],
    [Relation.ADAPTER, CHECKPOINT, MODEL],
    [Relation.QUANTIZATION, MODEL, CHECKPOINT],
    [Relation.DISTILLATION, MODEL, MODEL],
    [Relation.TRAINED_ON, CHECKPOINT, DATASET],
    [Relation.GENERATED_BY, DATASET, MODEL],
    [Relation.CHECKPOINT_OF, CHECKPOINT, MODEL],
    [Relation.AUXILIARY, MODEL, MODEL],
    [Relation.AUXILIARY, CHECKPOINT, MODEL],
    [Relation.AUXILIARY, MODEL, CHECKPOINT],
  ])('%s from %s to %s is allowed', (relation, derived, source) => {
    expect(() => assertEndpoints(relation, derived, source, 'f')).not.toThrow();
  });

  it.each([
    [Relation.FINETUNE, MODEL, DATASET],
    [Relation.TRAINED_ON, MODEL, MODEL],
    [Relation.GENERATED_BY, MODEL, MODEL],
    [Relation.DISTILLATION, DATASET, MODEL],
    [Relation.CHECKPOINT_OF, MODEL, MODEL],
    [Relation.CHECKPOINT_OF, CHECKPOINT, CHECKPOINT],
    [Relation.AUXILIARY, MODEL, DATASET],
    [Relation.AUXILIARY, DATASET, MODEL],
  ])('%s from %s to %s is INVALID_INPUT naming the field', (relation, derived, source) => {
    expect(() => assertEndpoints(relation, derived, source, 'input.lineage[0].relation')).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field: 'input.lineage[0].relation' }),
    );
  });

  it('accepts a merge weight only on MERGE edges', () => {
    expect(() => assertMergeWeight(Relation.MERGE, 0.3, 'w')).not.toThrow();
    expect(() => assertMergeWeight(Relation.FINETUNE, null, 'w')).not.toThrow();
    expect(() => assertMergeWeight(Relation.FINETUNE, 0.3, 'w')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT }));
    expect(() => assertMergeWeight(Relation.MERGE, Number.NaN, 'w')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT }));
  });
});
