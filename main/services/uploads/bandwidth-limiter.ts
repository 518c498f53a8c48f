/**
 * A token bucket shared by every request of an engine, so the limit holds for the sum of parallel
 * uploads. Up to one second of tokens can be saved up, which keeps short pauses between requests from
 * lowering the average rate.
 */
export class BandwidthLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private bytesPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = bytesPerSecond;
    this.last = now();
  }

  setLimit(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Resolves when `bytes` may be sent. */
  async take(bytes: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const t = this.now();
      this.tokens = Math.min(this.bytesPerSecond, this.tokens + ((t - this.last) / 1000) * this.bytesPerSecond);
      this.last = t;
      if (this.tokens >= bytes || this.tokens >= this.bytesPerSecond) {
        this.tokens -= bytes;
        return;
      }
      const waitMs = Math.ceil(((bytes - this.tokens) / this.bytesPerSecond) * 1000);
      await new Promise((r) => setTimeout(r, Math.min(waitMs, 250)));
    }
  }
}
