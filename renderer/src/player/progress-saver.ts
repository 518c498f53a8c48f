/** Saves the player's position at most every `intervalMs`, and at once on `flush` (pause, end, close). */
export class ProgressSaver {
  private latest: { position: number; duration: number } | null = null;
  private savedPosition: number | null = null;
  private savedAt: number;

  constructor(
    private readonly save: (position: number, duration: number) => void,
    private readonly intervalMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    // The first periodic save comes one interval after opening, not on the first time update.
    this.savedAt = now();
  }

  update(position: number, duration: number): void {
    if (!Number.isFinite(position) || position < 0) return;
    this.latest = { position, duration: Number.isFinite(duration) && duration > 0 ? duration : 0 };
    if (this.now() - this.savedAt >= this.intervalMs) this.flush();
  }

  /** Saves the latest position unless it is already saved; cheap to call from several close paths. */
  flush(): void {
    this.savedAt = this.now();
    const latest = this.latest;
    if (!latest || latest.position === this.savedPosition) return;
    this.savedPosition = latest.position;
    this.save(latest.position, latest.duration);
  }
}
