import { bruteForceEffectiveOwnership, ownershipWebArbitrary, propertyOptions } from '@pedigree/testing';
import fc from 'fast-check';
import {
  assertFitsUnderWhole,
  assertPercentage,
  assertValidity,
  atLeast,
  chainPercentage,
  controllingChain,
  effectiveOwners,
  isActiveOn,
  peakTotal,
  StakeEdge,
  StakeWindow,
} from './ownership.rules';

const stake = (id: string, ownerId: string, ownedId: string, percentage: number): StakeEdge => ({ id, ownerId, ownedId, percentage });
const win = (percentage: number, validFrom: string | null = null, validTo: string | null = null): StakeWindow => ({ percentage, validFrom, validTo });

describe('stake input', () => {
  it.each([0, -5, 100.0001, Number.NaN, Number.POSITIVE_INFINITY])('refuses percentage %p, naming input.percentage', (percentage) => {
    expect(() => assertPercentage(percentage, 'input.percentage')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'input.percentage' }));
  });

  it.each([0.0001, 27, 100])('accepts percentage %p', (percentage) => {
    expect(() => assertPercentage(percentage, 'input.percentage')).not.toThrow();
  });

  it.each([
    ['2025-01-01', '2025-01-01'],
    ['2025-03-01', '2025-01-01'],
  ])('refuses validity from %p to %p, naming input.validTo', (from, to) => {
    expect(() => assertValidity(from, to, 'input.validTo')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'input.validTo' }));
  });

  it.each([
    [null, null],
    ['2025-01-01', null],
    [null, '2025-01-01'],
    ['2025-01-01', '2025-01-02'],
  ])('accepts validity from %p to %p', (from, to) => {
    expect(() => assertValidity(from, to, 'input.validTo')).not.toThrow();
  });
});

describe('when a stake holds', () => {
  it.each([
    [win(10), '2025-06-01', true],
    [win(10, '2025-06-01'), '2025-06-01', true],
    [win(10, '2025-06-02'), '2025-06-01', false],
    [win(10, null, '2025-06-01'), '2025-05-31', true],
    [win(10, null, '2025-06-01'), '2025-06-01', false],
  ])('%p on %s: %p', (s, day, active) => expect(isActiveOn(s, day)).toBe(active));
});

describe('the 100 % ceiling over time', () => {
  it.each<[string, StakeWindow[], StakeWindow, number, string | null]>([
    ['nothing else', [], win(60), 60, null],
    ['open stakes add up', [win(60), win(30)], win(20), 110, null],
    ['an ended stake does not count', [win(60, null, '2025-01-01')], win(60, '2025-01-01'), 60, '2025-01-01'],
    ['a sale hands over on one day', [win(100, null, '2025-10-28')], win(100, '2025-10-28'), 100, '2025-10-28'],
    ['a later start inside the window raises the peak', [win(50, '2026-01-01')], win(60, '2025-01-01'), 110, '2026-01-01'],
    ['a start after the window does not', [win(50, '2026-01-01')], win(60, '2025-01-01', '2026-01-01'), 60, '2025-01-01'],
  ])('%s', (_, existing, candidate, total, on) => expect(peakTotal(existing, candidate)).toEqual({ total, on }));

  it('refuses a stake that takes the owners over 100 %, naming the field and the sum, and accepts thirds', () => {
    expect(() => assertFitsUnderWhole([win(60), win(30)], win(20, '2025-10-28'), 'Acme', 'input.percentage')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        field: 'input.percentage',
        message: expect.stringContaining('110 % on 2025-10-28 (90 % recorded + 20 % here)'),
      }),
    );
    expect(() => assertFitsUnderWhole([win(100 / 3), win(100 / 3)], win(100 / 3), 'Acme', 'input.percentage')).not.toThrow();
  });
});

describe('controlling chain', () => {
  it.each<[string, [string, string][], string, string[]]>([
    ['no controlling owner', [], 'C', []],
    [
      'two levels, nearest first',
      [
        ['C', 'B'],
        ['B', 'A'],
      ],
      'C',
      ['B', 'A'],
    ],
    [
      'a cycle of control stops before repeating',
      [
        ['A', 'B'],
        ['B', 'A'],
      ],
      'A',
      ['B'],
    ],
    [
      'a cycle above the organization',
      [
        ['C', 'B'],
        ['B', 'A'],
        ['A', 'B'],
      ],
      'C',
      ['B', 'A'],
    ],
  ])('%s', (_, pairs, of, chain) => expect(controllingChain(of, new Map(pairs))).toEqual(chain));
});

describe('effective ownership', () => {
  it('A 60 % of B, B 50 % of C, A 20 % of C directly: A holds 50 % of C, B 50 %', () => {
    const stakes = [stake('1', 'A', 'B', 60), stake('2', 'B', 'C', 50), stake('3', 'A', 'C', 20)];
    const held = effectiveOwners('C', stakes);
    // Equal shares: the nearer owner first.
    expect(held.map((h) => [h.ownerId, h.percentage])).toEqual([
      ['B', 50],
      ['A', 50],
    ]);
    // The strongest chain for A is the indirect one (30 % against 20 %).
    expect(held[1].chain.map((s) => s.id)).toEqual(['2', '1']);
    expect(atLeast(held, 50)).toHaveLength(2);
    expect(atLeast(held, 50.1)).toHaveLength(0);
  });

  it.each<[string, StakeEdge[], string, [string, number][]]>([
    ['none', [], 'C', []],
    [
      'a chain multiplies',
      [stake('1', 'B', 'C', 80), stake('2', 'A', 'B', 50)],
      'C',
      [
        ['B', 80],
        ['A', 40],
      ],
    ],
    ['two stakes on one hop add', [stake('1', 'B', 'C', 10), stake('2', 'B', 'C', 15)], 'C', [['B', 25]]],
    // C is held 50 % by B; B and A hold 50 % of each other: each path is counted once, no loop.
    [
      'a cross-holding terminates',
      [stake('1', 'B', 'C', 50), stake('2', 'A', 'B', 50), stake('3', 'B', 'A', 50)],
      'C',
      [
        ['B', 50],
        ['A', 25],
      ],
    ],
    ['a cycle through the organization itself is not a path', [stake('1', 'B', 'C', 40), stake('2', 'C', 'B', 30)], 'C', [['B', 40]]],
  ])('%s', (_, stakes, of, expected) => expect(effectiveOwners(of, stakes).map((h) => [h.ownerId, h.percentage])).toEqual(expected));

  it('a chain passes on the product of its stakes', () => {
    expect(chainPercentage([stake('1', 'B', 'C', 50), stake('2', 'A', 'B', 60)])).toBeCloseTo(30);
  });

  it('agrees with a brute-force enumeration of simple paths on random webs with cycles (300 webs)', () => {
    fc.assert(
      fc.property(ownershipWebArbitrary(), (web) => {
        const held = effectiveOwners('0', web.stakes);
        const expected = bruteForceEffectiveOwnership(web, '0');
        expect(held.map((h) => h.ownerId).sort()).toEqual([...expected.keys()].sort());
        for (const h of held) {
          expect(h.percentage).toBeCloseTo(expected.get(h.ownerId)!.total, 9);
          expect(chainPercentage(h.chain)).toBeCloseTo(expected.get(h.ownerId)!.strongest, 9);
          // The chain is a real path of stakes from "0" up to the owner.
          expect(h.chain[0].ownedId).toBe('0');
          expect(h.chain.slice(1).map((s) => s.ownedId)).toEqual(h.chain.slice(0, -1).map((s) => s.ownerId));
          expect(h.chain[h.chain.length - 1].ownerId).toBe(h.ownerId);
        }
      }),
      propertyOptions(300),
    );
  });
});

describe('the 100 % ceiling in millionths', () => {
  const fitting = (existing: number[], candidate: number) => () =>
    assertFitsUnderWhole(
      existing.map((percentage) => ({ percentage, validFrom: null, validTo: null })),
      { percentage: candidate, validFrom: null, validTo: null },
      'lab',
      'input.percentage',
    );
  it.each([
    ['three thirds', [33.333333, 33.333333], 33.333334],
    ['a whole after a half', [50], 50],
  ])('accepts %s', (_, existing, candidate) => {
    expect(fitting(existing, candidate)).not.toThrow();
  });
  it.each([
    ['two owners just over half each', [50.0000004], 50.0000006],
    ['a hair too much', [50], 50.000001],
  ])('refuses %s, naming the field', (_, existing, candidate) => {
    expect(fitting(existing, candidate)).toThrow(expect.objectContaining({ field: 'input.percentage' }));
  });
});
