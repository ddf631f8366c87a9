import { canonicalize, ErrorCode, invalidInput } from '@pedigree/core';
import { batchItem, CheckpointBatchOutcome, failItem, isClean, reportOf, sameDigests, storedConflict } from './checkpoint-batch.rules';
import { checkCheckpointInput, RegisterCheckpointCommand } from './checkpoint-input.rules';
import { CheckpointFormat } from './checkpoint.record';

const at = (i: number) => `input.checkpoints[${i}]`;
const D = (c: string) => `sha256:${c.repeat(64)}`;

describe('sameDigests: repeated digests within one batch', () => {
  const a = canonicalize({ modelId: '1', format: 'GGUF', sizeBytes: 1 });
  const b = canonicalize({ modelId: '1', format: 'GGUF', sizeBytes: 2 });

  it.each([
    ['distinct digests', [D('a'), D('b')], [a, a], []],
    ['the same payload twice: one registration', [D('a'), D('b'), D('a')], [a, b, a], [[2, 0, null]]],
    ['a different payload: a CONFLICT naming both items and the field', [D('a'), D('a')], [a, b], [[1, 0, [`${at(1)}.sizeBytes`]]]],
    ['an item already refused takes no part', [D('a'), D('a'), D('a')], [null, a, b], [[2, 1, [`${at(2)}.sizeBytes`]]]],
  ])('%s', (_, digests, registrations, expected) => {
    const found = [...sameDigests(digests, registrations, at)].map(([i, s]) => [i, s.first, s.error && (s.error.details as { fields: string[] }).fields]);
    expect(found).toEqual(expected);
  });

  it('says which earlier item holds the digest', () => {
    const error = sameDigests([D('a'), D('a')], [a, b], at).get(1)!.error!;
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.field).toBe(`${at(1)}.sizeBytes`);
    expect(error.message).toContain(`${at(1)}.digest: checkpoint "${D('a')}" is also item 0 of this batch (${at(0)})`);
  });
});

describe('storedConflict: a retry against the stored registration', () => {
  const stored = canonicalize({ format: 'GGUF', uris: ['s3://a'] });
  it('is nothing for the same payload', () => expect(storedConflict(D('a'), stored, canonicalize({ uris: ['s3://a'], format: 'GGUF' }), at(3))).toBeNull());
  it('names the differing fields under the item', () => {
    const error = storedConflict(D('a'), stored, canonicalize({ format: 'ONNX', uris: ['s3://a'] }), at(3))!;
    expect(error.details).toMatchObject({ fields: [`${at(3)}.format`] });
    expect(error.message).toMatch(/^input\.checkpoints\[3\]\.digest: checkpoint "sha256:a+" is already registered with different values for: format\./);
  });
});

describe('the report', () => {
  it('is applied only when every item is CREATED or ALREADY_PRESENT, and counts each outcome', () => {
    const items = [batchItem(0, D('a')), batchItem(1, D('b')), batchItem(2, D('c'))];
    items[1].outcome = CheckpointBatchOutcome.ALREADY_PRESENT;
    expect(isClean(items)).toBe(true);
    failItem(items[2], invalidInput(`${at(2)}.format`, 'no'));
    expect(isClean(items)).toBe(false);
    expect(items[2]).toMatchObject({ outcome: CheckpointBatchOutcome.REFUSED, code: ErrorCode.INVALID_INPUT, field: `${at(2)}.format`, id: null });
    expect(reportOf(items, false)).toMatchObject({ applied: false, created: 1, alreadyPresent: 1, conflicts: 0, refused: 1 });
  });
});

describe('checkCheckpointInput: the same checks as registerCheckpoint, under the item path', () => {
  const ok: RegisterCheckpointCommand = { model: { model: 'acme/m' }, digest: D('a'), format: CheckpointFormat.GGUF, registeredBy: 'ci' };
  it.each([
    ['a bad digest', { digest: 'sha256:XYZ' }, `${at(4)}.digest`],
    ['no registeredBy', { registeredBy: ' ' }, `${at(4)}.registeredBy`],
    ['a bad URI', { uris: ['not a uri'] }, `${at(4)}.uris[0]`],
    ['a negative size', { sizeBytes: -1 }, `${at(4)}.sizeBytes`],
    ['a run ending before it starts', { trainingRun: { method: 'SFT', startedAt: new Date(2), endedAt: new Date(1) } }, `${at(4)}.trainingRun.endedAt`],
    ['hyperparameters that are not an object', { trainingRun: { method: 'SFT', hyperparametersJson: '[1]' } }, `${at(4)}.trainingRun.hyperparametersJson`],
  ])('refuses %s naming the field', (_, change, field) => {
    expect(() => checkCheckpointInput({ ...ok, ...change } as RegisterCheckpointCommand, at(4))).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field }),
    );
  });
  it('normalizes what it accepts', () => {
    expect(checkCheckpointInput({ ...ok, digest: ` ${D('a')} `, registeredBy: ' ci ' }, 'input')).toMatchObject({
      digest: D('a'),
      registeredBy: 'ci',
      uris: [],
      sizeBytes: null,
    });
  });
});
