import { ErrorCode, Role } from '@pedigree/core';
import { EventQueue } from './event-queue';
import { STREAMED_TYPES, streamedTypes } from './event-permissions';

describe('streamedTypes', () => {
  it('gives a role every type it may read when none are asked for, never digest', () => {
    expect([...streamedTypes(Role.ADMIN, null, 'types')].sort()).toEqual([...STREAMED_TYPES].sort());
    expect(STREAMED_TYPES).not.toContain('digest');
    expect([...streamedTypes(Role.READER, null, 'types')].sort()).toEqual([
      'checkpoint.registered',
      'lineage.asserted',
      'lineage.retracted',
      'model.registered',
    ]);
    expect(streamedTypes(Role.AUDITOR, null, 'types').has('violation.opened')).toBe(true);
  });

  it('refuses a type the role may not read, naming it and the permission', () => {
    expect(() => streamedTypes(Role.PIPELINE, ['model.registered', 'audit.head.signed'], 'types')).toThrow(
      expect.objectContaining({ code: ErrorCode.FORBIDDEN, message: expect.stringContaining('types[1]: audit.head.signed events need AUDIT_READ') }),
    );
    expect(() => streamedTypes(Role.ADMIN, ['digest'], 'types')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field: 'types[0]' }));
  });
});

const limits = (capacity: number, burst = capacity, stallMs = 60_000) => ({ capacity, burst, stallMs });

describe('EventQueue', () => {
  it('hands out pushed items in order, to a waiting reader too', async () => {
    const q = new EventQueue<number>(limits(10), () => undefined);
    q.push(1);
    const first = await q.next();
    const waiting = q.next();
    q.push(2);
    expect([first.value, (await waiting).value]).toEqual([1, 2]);
  });

  it('ends a reader that falls more than its capacity behind with LIMIT_EXCEEDED, and unsubscribes', async () => {
    let closed = 0;
    const q = new EventQueue<number>(limits(2), () => closed++);
    q.push(1);
    q.push(2);
    q.push(3);
    await expect(q.next()).rejects.toMatchObject({ code: ErrorCode.LIMIT_EXCEEDED });
    expect(await q.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });

  it('lets a reader that keeps reading fall behind past its capacity up to the burst, but not one that has stopped', async () => {
    const reading = new EventQueue<number>(limits(2, 5, 30), () => undefined);
    for (let i = 1; i <= 5; i++) reading.push(i);
    expect(reading.size).toBe(5);
    expect(reading.stalled).toBe(false);
    reading.push(6);
    await expect(reading.next()).rejects.toMatchObject({ code: ErrorCode.LIMIT_EXCEEDED });

    const stopped = new EventQueue<number>(limits(2, 5, 30), () => undefined);
    stopped.push(1);
    expect((await stopped.next()).value).toBe(1);
    stopped.push(2);
    stopped.push(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped.stalled).toBe(true);
    stopped.push(4);
    await expect(stopped.next()).rejects.toMatchObject({ code: ErrorCode.LIMIT_EXCEEDED });
  });

  it('rejects a waiting reader on overflow and ignores pushes after return', async () => {
    let closed = 0;
    const q = new EventQueue<number>(limits(0), () => closed++);
    const waiting = q.next();
    q.push(1);
    expect((await waiting).value).toBe(1);
    q.push(2);
    await expect(q.next()).rejects.toMatchObject({ code: ErrorCode.LIMIT_EXCEEDED });
    const r = new EventQueue<number>(limits(5), () => closed++);
    const pending = r.next();
    await r.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    r.push(1);
    expect(await r.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(2);
  });
});
