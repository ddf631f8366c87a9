import type { EventType } from '@pedigree/outbox';
import { LiveEvent, LiveSubscribers } from './live-subscribers';

const TYPES = new Set<EventType>(['model.registered']);
const events = (from: number, to: number): LiveEvent[] =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const position = String(from + i);
    return {
      position,
      envelope: {
        id: `e${position}`,
        type: 'model.registered',
        timestamp: new Date(0).toISOString(),
        subject: { type: 'MODEL', id: position, key: `org/m${position}` },
        data: {},
        auditEventId: null,
      },
    } as LiveEvent;
  });

/** Reads as a socket does: one event per turn of the event loop. */
async function readAll(queue: AsyncIterableIterator<LiveEvent>, expected: number): Promise<{ positions: string[]; error: unknown }> {
  const positions: string[] = [];
  try {
    while (positions.length < expected) {
      const { value, done } = await queue.next();
      if (done) break;
      positions.push(value.position);
      await new Promise((r) => setImmediate(r));
    }
  } catch (error) {
    return { positions, error };
  }
  return { positions, error: null };
}

describe('LiveSubscribers', () => {
  it('one commit of 3,000 events does not end a subscriber that keeps reading (its queue holds 1,000)', async () => {
    const live = new LiveSubscribers(() => undefined);
    const reading = readAll(live.add('token-1', TYPES, null), 3000);
    await live.dispatch(events(1, 3000));
    const { positions, error } = await reading;
    expect(error).toBeNull();
    expect(positions.length).toBe(3000);
    expect(positions[2999]).toBe('3000');
  });

  it('a subscriber that has stopped reading does not delay the others, and is ended once stopped for 2 s with 1,000 waiting', async () => {
    const live = new LiveSubscribers(() => undefined);
    const stuck = live.add('token-1', TYPES, null);
    const reading = readAll(live.add('token-2', TYPES, null), 1500);
    const started = Date.now();
    await live.dispatch(events(1, 1500));
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await reading).positions).toHaveLength(1500);
    expect(stuck.size).toBe(1500);
    await new Promise((r) => setTimeout(r, 2100));
    await live.dispatch(events(1501, 1501));
    await expect(stuck.next()).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  }, 10_000);

  it('an event sent once is not sent again (a catch-up overlapping a notification)', async () => {
    const live = new LiveSubscribers(() => undefined);
    const reading = readAll(live.add('token-1', TYPES, null), 10);
    await live.dispatch(events(1, 5));
    await live.dispatch(events(3, 7));
    await live.dispatch(events(6, 10));
    expect((await reading).positions).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('holds at most 50 subscriptions per token', () => {
    const live = new LiveSubscribers(() => undefined);
    for (let i = 0; i < 50; i++) live.add('token-1', TYPES, null);
    expect(() => live.add('token-1', TYPES, null)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    expect(() => live.add('token-2', TYPES, null)).not.toThrow();
  });
});
