// How numbers and dates read on the page and on paper.
export function formatParameters(count: number | null | undefined): string {
  if (count === null || count === undefined) return '—';
  if (count >= 1e9) return `${(count / 1e9).toFixed(count >= 1e10 ? 0 : 1)} B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(0)} M`;
  return count.toLocaleString('en');
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export const formatDate = (iso: string | null | undefined): string => (iso ? new Date(iso).toISOString().slice(0, 10) : '—');

export const formatShare = (share: number): string => `${(share * 100).toFixed(1)} %`;
