import { ErrorCode } from '../errors/error-code';
import { CpuGate } from './cpu-gate';
import { Deadline } from './deadline';

describe('Deadline', () => {
  it('cancels registered work when it expires, and then refuses new work with TIMEOUT', async () => {
    const d = new Deadline(20, 'PEDIGREE_REQUEST_TIMEOUT_MS').start();
    const cancelled: string[] = [];
    d.onExpire(() => cancelled.push('sql'));
    const stop = d.onExpire(() => cancelled.push('done early'));
    stop();
    await new Promise((r) => setTimeout(r, 40));
    expect(cancelled).toEqual(['sql']);
    expect(() => d.check()).toThrow(
      expect.objectContaining({ code: ErrorCode.TIMEOUT, details: expect.objectContaining({ limit: 'PEDIGREE_REQUEST_TIMEOUT_MS' }) }),
    );
    d.finish();
  });
});

describe('CpuGate', () => {
  it('runs pieces one at a time, in order, returning to the event loop before each', async () => {
    const gate = new CpuGate();
    const order: string[] = [];
    const a = gate.run(() => order.push('a'), null);
    const b = gate.run(() => order.push('b'), null);
    setImmediate(() => order.push('io'));
    await Promise.all([a, b]);
    expect(order[0]).toBe('io');
    expect(order.slice(1)).toEqual(['a', 'b']);
  });

  it('does not start work whose deadline passed while it waited, and keeps going after a failure', async () => {
    const gate = new CpuGate();
    const failing = gate.run(() => {
      throw new Error('boom');
    }, null);
    const late = gate.run(() => 'ran', new Deadline(0, 'X', Date.now() - 1));
    const next = gate.run(() => 'next', null);
    await expect(failing).rejects.toThrow('boom');
    await expect(late).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    await expect(next).resolves.toBe('next');
    expect(gate.depth).toBe(0);
  });
});
