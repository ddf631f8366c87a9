export const RECONNECT_BASE_MS = 250;
export const RECONNECT_CAP_MS = 30_000;

/**
 * The pause before the next connection attempt after `failures` failed ones in a row: doubling
 * from 250 ms up to 30 s, then 30 s for ever. Each pause is drawn from its upper half, so after a
 * database restart the instances of a fleet do not all reconnect in the same instant.
 */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
