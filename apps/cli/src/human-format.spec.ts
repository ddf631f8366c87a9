import { progressFormat, progressValue } from './cli-output';
import { formatBytes, formatCount, formatHhi, formatShare } from './human-format';

describe('formatShare', () => {
  it.each([
    [0, '0.0 %'],
    [1, '100.0 %'],
    [3 / 7, '42.9 %'],
    [0.5526315789473685, '55.3 %'],
    [0.0004, '< 0.1 %'],
    [0.9999, '> 99.9 %'],
    [0.0005, '0.1 %'],
  ])('%d → %s', (fraction, expected) => expect(formatShare(fraction)).toBe(expected));
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [3 * 2 ** 20, '3.0 MiB'],
    [16.07 * 2 ** 30, '16.1 GiB'],
    [2 ** 50, '1024.0 TiB'],
  ])('%d → %s', (n, expected) => expect(formatBytes(n)).toBe(expected));
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [21, '21'],
    [12345, '12,345'],
    [1.5, '1.5'],
    [1 / 3, '0.33'],
  ])('%d → %s', (n, expected) => expect(formatCount(n)).toBe(expected));
});

describe('formatHhi', () => {
  it.each([
    [0, '0 (unconcentrated)'],
    [1499.4, '1,499 (unconcentrated)'],
    [1499.6, '1,500 (moderately concentrated)'],
    [1500, '1,500 (moderately concentrated)'],
    [2202.216, '2,202 (moderately concentrated)'],
    [2500, '2,500 (moderately concentrated)'],
    [10000, '10,000 (highly concentrated)'],
  ])('%d → %s', (hhi, expected) => expect(formatHhi(hhi)).toBe(expected));
});

describe('progress bar', () => {
  it('shows an ETA', () => expect(progressFormat('items')).toContain('ETA {eta_formatted}'));

  it.each([
    ['bytes', 3 * 2 ** 20, 'value', '3.0 MiB'],
    ['bytes', 2 ** 30, 'total', '1.0 GiB'],
    ['bytes', 42, 'percentage', '42'],
    ['count', 2048, 'value', '2048'],
  ] as const)('%s %d as %s → %s', (kind, value, type, expected) => expect(progressValue(kind)(value, {}, type)).toBe(expected));
});
