import { RECONNECT_CAP_MS, reconnectDelayMs } from './reconnect-backoff';

describe('reconnectDelayMs', () => {
  it.each([
    [0, 125, 250],
    [1, 250, 500],
    [2, 500, 1000],
    [5, 4000, 8000],
    [7, 15_000, 30_000],
    [8, 15_000, 30_000],
    [1000, 15_000, 30_000],
  ])('after %i failures it waits between %i and %i ms', (failures, low, high) => {
    expect(reconnectDelayMs(failures, () => 0)).toBe(low);
    expect(reconnectDelayMs(failures, () => 1)).toBe(high);
    const drawn = reconnectDelayMs(failures);
    expect(drawn).toBeGreaterThanOrEqual(low);
    expect(drawn).toBeLessThanOrEqual(high);
  });

  it('never exceeds the cap, however long the outage', () => {
    for (let failures = 0; failures < 10_000; failures += 97) expect(reconnectDelayMs(failures)).toBeLessThanOrEqual(RECONNECT_CAP_MS);
  });
});
