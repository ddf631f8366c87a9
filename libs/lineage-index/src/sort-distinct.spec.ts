import { prng } from '@pedigree/testing';
import { sortDistinct } from './sort-distinct';

describe('sortDistinct', () => {
  it.each([
    ['sparse, by comparison', 300, 1_000_000],
    ['dense, by bitset', 5_000, 20_000],
    ['the whole universe', 4_096, 4_096],
  ])('sorts a %s set and leaves the bitset clear', (_, count, universe) => {
    const rand = prng(count);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(rand() * universe));
    const values = Int32Array.from(chosen);
    const bits = new Uint32Array((universe + 31) >>> 5);
    sortDistinct(values, universe, bits);
    expect(Array.from(values)).toEqual([...chosen].sort((a, b) => a - b));
    expect(bits.every((w) => w === 0)).toBe(true);
  });
});
