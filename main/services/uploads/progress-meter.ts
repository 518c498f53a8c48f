/**
 * Throughput over a sliding window of bytes actually sent. Recent speed predicts the ETA better than the
 * average since start, which pauses would distort; bytes found already on the server on resume are
 * progress but not speed, so callers pass only transferred bytes here.
 */
export class ProgressMeter {
  private samples: { t: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(transferredBytes: number): void {
    const t = this.now();
    this.samples.push({ t, bytes: transferredBytes });
    while (this.samples.length > 2 && (this.samples[1]?.t ?? t) < t - this.windowMs) this.samples.shift();
  }

  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.t - first.t < 200) return 0;
    return ((last.bytes - first.bytes) / (last.t - first.t)) * 1000;
  }

  etaSeconds(remainingBytes: number): number | null {
    const rate = this.bytesPerSecond();
    return rate > 0 ? Math.ceil(remainingBytes / rate) : null;
  }
}
