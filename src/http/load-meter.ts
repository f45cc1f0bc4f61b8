/**
 * How busy the API is: requests served per second over the last window. Background work (webhook
 * delivery) reads it to step aside while clients are waiting.
 */
export class LoadMeter {
  private count = 0;
  private windowStart = performance.now();
  private rate = 0;

  constructor(
    /** Requests per second above which the API counts as busy. */
    private readonly busyAbove = 200,
    private readonly windowMs = 100,
  ) {}

  served(): void {
    this.count++;
  }

  busy(): boolean {
    const now = performance.now();
    const elapsed = now - this.windowStart;
    if (elapsed >= this.windowMs) {
      this.rate = (this.count * 1000) / elapsed;
      this.count = 0;
      this.windowStart = now;
    }
    return this.rate > this.busyAbove;
  }
}
