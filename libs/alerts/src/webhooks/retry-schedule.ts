export interface RetrySchedule {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Delay after failed attempt `attempt` (1-based): base × 2^(attempt−1), capped, with ±25 % jitter
 * so that receivers coming back from an outage are not hit by every delivery at the same instant.
 * Null once the last attempt has failed: the delivery is dead-lettered.
 */
export function retryDelayMs(attempt: number, s: RetrySchedule, random: () => number = Math.random): number | null {
  if (attempt >= s.maxAttempts) return null;
  const nominal = Math.min(s.maxMs, s.baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(nominal * (0.75 + random() * 0.5));
}

/** Nominal time from the first attempt to the last, without jitter (docs and the schedule's test). */
export function scheduleSpanMs(s: RetrySchedule): number {
  let total = 0;
  for (let a = 1; a < s.maxAttempts; a++) total += retryDelayMs(a, s, () => 0.5)!;
  return total;
}
