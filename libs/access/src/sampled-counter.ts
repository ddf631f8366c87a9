/**
 * Counts events and reports the count at most once per interval: a flood of bad requests
 * becomes one log line every few seconds instead of one per request.
 */
export class SampledCounter {
  private count = 0;
  private since = 0;

  constructor(private readonly intervalMs: number) {}

  hit(report: (count: number) => void, now = Date.now()): void {
    this.count++;
    if (now - this.since < this.intervalMs) return;
    report(this.count);
    this.count = 0;
    this.since = now;
  }
}
