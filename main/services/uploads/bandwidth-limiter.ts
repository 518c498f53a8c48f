/**
 * A token bucket shared by every request of an engine, so the limit holds for the sum of parallel
 * uploads. A quarter second of tokens can be saved up (short gaps between requests do not lower the
 * average), and the bucket starts empty so a fresh process does not open with a burst above the limit.
 */
export class BandwidthLimiter {
  private tokens = 0;
  private last: number;

  constructor(
    private bytesPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  setLimit(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond;
  }

  private get capacity(): number {
    return Math.max(this.bytesPerSecond / 4, 256 * 1024);
  }

  /** Resolves when `bytes` may be sent; `bytes` should be well under the capacity (requests feed 64 KiB slices). */
  async take(bytes: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const t = this.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.bytesPerSecond);
      this.last = t;
      if (this.tokens >= bytes) {
        this.tokens -= bytes;
        return;
      }
      const waitMs = Math.ceil(((bytes - this.tokens) / this.bytesPerSecond) * 1000);
      await new Promise((r) => setTimeout(r, Math.min(Math.max(waitMs, 1), 250)));
    }
  }
}
