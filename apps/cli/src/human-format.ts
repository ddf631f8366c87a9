/** Numbers for people. Machine formats (--json, --csv) keep the raw values. */

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

/** A 0–1 fraction as "42.9 %"; the space follows ISO 80000 and keeps the number readable in a column. */
export function formatShare(fraction: number): string {
  const pct = fraction * 100;
  // Never show a non-zero share as 0.0 % or a partial one as 100.0 %: both would mislead an audit.
  if (pct > 0 && pct < 0.05) return '< 0.1 %';
  if (pct < 100 && pct > 99.95) return '> 99.9 %';
  return `${pct.toFixed(1)} %`;
}

/** Counts that may be fractional (a merge splits a member between parents): 2, 1.5, 0.33. */
export function formatCount(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return String(Math.round(n * 100) / 100);
}

/** Herfindahl–Hirschman index, read with the thresholds the schema documents (above 2,500 is highly concentrated). */
export function formatHhi(hhi: number): string {
  // The band follows the number shown, so "1,500" never reads as unconcentrated.
  const shown = Math.round(hhi);
  const band = shown > 2500 ? 'highly concentrated' : shown >= 1500 ? 'moderately concentrated' : 'unconcentrated';
  return `${shown.toLocaleString('en-US')} (${band})`;
}
